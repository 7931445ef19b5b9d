import type { IDataObject } from 'n8n-workflow';

import { TimeInputError, resolveTimeZone } from '../../nodes/shared/time';
import { poll } from '../helpers/poll';
import { run, triggers, useSimulator } from '../badInput/helpers';

// Issue "Exact buckets in every time zone", promise 8: the same zone spelled differently is the
// same zone, and items, requests and trigger state carry one spelling, the one IANA uses today.

const PARAMETER = 'Time Zone';

function resolved(value: unknown, workflowTimeZone = 'UTC'): string {
	return resolveTimeZone(value, workflowTimeZone, PARAMETER);
}

function refusal(value: unknown, workflowTimeZone = 'UTC'): TimeInputError {
	let thrown: unknown;
	try {
		resolved(value, workflowTimeZone);
	} catch (error) {
		thrown = error;
	}
	expect(thrown).toBeInstanceOf(TimeInputError);
	return thrown as TimeInputError;
}

/** Intl's own name of a zone: the same for every alias of it. */
function intlName(zone: string): string {
	return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

// lib es2022.intl is not in the tsconfig: Intl.supportedValuesOf exists in Node 18 and later.
const listedZones = (
	Intl as unknown as { supportedValuesOf(key: 'timeZone'): string[] }
).supportedValuesOf('timeZone');

describe('one spelling per zone', () => {
	test.each([
		['asia/kolkata'],
		['ASIA/KOLKATA'],
		['Asia/Kolkata'],
		['Asia/Calcutta'],
		['  asia/calcutta '],
	])('%j is Asia/Kolkata', (value) => {
		expect(resolved(value)).toBe('Asia/Kolkata');
	});

	test.each([
		['europe/berlin', 'Europe/Berlin'],
		['EUROPE/BERLIN', 'Europe/Berlin'],
		['etc/gmt-2', 'Etc/GMT-2'],
		['ETC/GMT+5', 'Etc/GMT+5'],
		['america/argentina/buenos_aires', 'America/Argentina/Buenos_Aires'],
		['australia/lord_howe', 'Australia/Lord_Howe'],
	])('%j is spelled %s', (value, expected) => {
		expect(resolved(value)).toBe(expected);
	});

	test.each([
		['UTC'],
		['utc'],
		['Etc/UTC'],
		['GMT'],
		['Etc/GMT'],
		['Etc/GMT+0'],
		['UCT'],
		['Zulu'],
	])('%j is UTC', (value) => {
		expect(resolved(value)).toBe('UTC');
	});

	test.each([
		['US/Eastern', 'America/New_York'],
		['us/pacific', 'America/Los_Angeles'],
		['Europe/Kiev', 'Europe/Kyiv'],
		['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
		['Asia/Katmandu', 'Asia/Kathmandu'],
		['Asia/Rangoon', 'Asia/Yangon'],
		['America/Godthab', 'America/Nuuk'],
		['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
		['America/Indianapolis', 'America/Indiana/Indianapolis'],
		['Pacific/Enderbury', 'Pacific/Kanton'],
		['Atlantic/Faeroe', 'Atlantic/Faroe'],
		['GB', 'Europe/London'],
	])('the alias %s is today’s IANA name %s', (alias, name) => {
		expect(resolved(alias)).toBe(name);
	});

	test('every zone Intl knows gets a spelling that is the same zone and spells itself', () => {
		const spellings = new Map<string, string>();
		for (const zone of listedZones) {
			const spelling = resolved(zone);
			expect([zone, intlName(spelling)]).toEqual([zone, intlName(zone)]);
			expect([zone, resolved(spelling)]).toEqual([zone, spelling]);
			expect([zone, resolved(spelling.toLowerCase())]).toEqual([zone, spelling]);
			expect([zone, spellings.get(spelling)]).toEqual([zone, undefined]);
			spellings.set(spelling, zone);
		}
		expect(listedZones.length).toBeGreaterThan(300);
	});

	test('a name is looked up in Intl once, not on every run', () => {
		const RealDateTimeFormat = Intl.DateTimeFormat;
		let constructed = 0;
		Intl.DateTimeFormat = new Proxy(RealDateTimeFormat, {
			construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
				constructed++;
				return new target(...args);
			},
		});
		try {
			expect(resolved('america/montevideo')).toBe('America/Montevideo');
			const firstLookup = constructed;
			for (let run = 0; run < 1000; run++) resolved('america/montevideo');
			expect(constructed).toBe(firstLookup);
		} finally {
			Intl.DateTimeFormat = RealDateTimeFormat;
		}
	});
});

describe("the workflow's time zone is spelled the same way", () => {
	test.each([
		['asia/calcutta', 'Asia/Kolkata'],
		['US/Eastern', 'America/New_York'],
		['europe/berlin', 'Europe/Berlin'],
		['Etc/UTC', 'UTC'],
	])('an empty Time Zone in a workflow set to %s is %s', (workflowTimeZone, expected) => {
		expect(resolved('', workflowTimeZone)).toBe(expected);
		expect(resolved(undefined, workflowTimeZone)).toBe(expected);
	});

	test('a workflow time zone that is a fixed offset is refused against the parameter', () => {
		const error = refusal('', '+02:00');
		expect(error.parameter).toBe(PARAMETER);
		expect(error.message).toContain('Time Zone is empty');
	});
});

describe('fixed offsets are still refused', () => {
	test.each([['+02:00'], ['-0530'], ['+14'], ['UTC+2'], ['gmt-05:00'], ['\u221203:00'], ['Z+1']])(
		'%j',
		(value) => {
			const error = refusal(value);
			expect(error.parameter).toBe(PARAMETER);
			expect(error.message).toContain('fixed UTC offset');
			expect(error.message).toContain('Etc/GMT-2');
		},
	);

	test.each([['Europe/Atlantis'], ['local'], ['Z'], ['Asia/Kolkata2']])(
		'%j is no zone',
		(value) => {
			expect(refusal(value).message).toContain('is not a time zone');
		},
	);
});

describe('items and trigger state carry the one spelling', () => {
	const sim = useSimulator();
	const CAMERA = '7Z9wAlGz-nARYxxb7hbjuA';
	const crossingCounts = {
		resource: 'report',
		operation: 'getCrossingCounts',
		cameraUuids: [CAMERA],
		startTime: '2026-03-29T00:00:00',
		endTime: '2026-03-29T03:00:00',
		bucketSize: 'HOUR',
	};

	test('Rhombus items read with asia/calcutta and Asia/Kolkata are the same items, in Asia/Kolkata', async () => {
		const lower = await run(sim, 'rhombus', { ...crossingCounts, timeZone: 'asia/calcutta' });
		const proper = await run(sim, 'rhombus', { ...crossingCounts, timeZone: 'Asia/Kolkata' });
		expect(lower.length).toBeGreaterThan(0);
		expect(lower.map((item) => item.json)).toEqual(proper.map((item) => item.json));
		expect(new Set(lower.map((item) => item.json.timeZone))).toEqual(new Set(['Asia/Kolkata']));
	});

	test('Indivd is asked for Asia/Kolkata and its items carry it when the node says asia/calcutta', async () => {
		const items = await run(sim, 'indivd', {
			resource: 'zoneVisitors',
			operation: 'get',
			startDate: '2026-03-02',
			endDate: '2026-03-02',
			timeZone: 'asia/calcutta',
			locations: [124],
		});
		const data = sim.sim.log.entries().filter((entry) => entry.path.includes('/insights/'));
		expect(data.map((entry) => entry.query.tz)).toEqual(['Asia/Kolkata']);
		expect(items.length).toBeGreaterThan(0);
		expect(new Set(items.map((item) => item.json.timeZone))).toEqual(new Set(['Asia/Kolkata']));
	});

	test('a trigger activated with Asia/Calcutta, or in a workflow set to ASIA/CALCUTTA, has the state of one activated with asia/kolkata', async () => {
		const parameters = { event: 'crossingCounts', cameraUuids: [CAMERA], bucketSize: 'HOUR' };
		const stateAfterFirstPoll = async (timeZone: string, workflowTimeZone = 'UTC') => {
			const staticData: IDataObject = {};
			await poll(triggers.rhombusTrigger, {
				credentials: sim.credentials,
				parameters: { ...parameters, timeZone },
				staticData,
				timezone: workflowTimeZone,
			});
			return staticData;
		};
		const lower = await stateAfterFirstPoll('asia/kolkata');
		expect(lower).not.toEqual({});
		expect(await stateAfterFirstPoll('Asia/Calcutta')).toEqual(lower);
		expect(await stateAfterFirstPoll('', 'ASIA/CALCUTTA')).toEqual(lower);
	});
});
