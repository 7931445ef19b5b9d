/**
 * docs/contract.md against the code: the parameter tables in both directions, the names of §1,
 * the operations of §3 and §4, the trigger promises of §5, the item fields of §6, and no
 * reference to anything outside the repository.
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { IndivdApi } from '../../credentials/IndivdApi.credentials';
import { RhombusApi } from '../../credentials/RhombusApi.credentials';
import { Indivd } from '../../nodes/Indivd/Indivd.node';
import { IndivdTrigger } from '../../nodes/Indivd/IndivdTrigger.node';
import { Rhombus } from '../../nodes/Rhombus/Rhombus.node';
import { RhombusTrigger } from '../../nodes/Rhombus/RhombusTrigger.node';
import { bucketItem, metricFields } from '../../nodes/shared/items';
import type { Metric, Source } from '../../nodes/shared/items';
import type { Granularity } from '../../nodes/shared/time';
import {
	codeSpans,
	markdownTables,
	parameterTables,
	scopeOfHeading,
	sectionText,
} from './contractDoc';
import type { ScopeKeys } from './descriptionRows';
import {
	actionScopeKeys,
	belongsTo,
	credentialScopeKeys,
	declaredParameters,
	missingOrDifferent,
	triggerScopeKeys,
	undeclared,
} from './descriptionRows';
import { readRepoFile, resolveReference } from './repoFiles.cjs';

const contractPath = 'docs/contract.md';
const contract = readRepoFile(contractPath);
const documented = parameterTables(contract);

const nodes = {
	rhombus: new Rhombus().description,
	rhombusTrigger: new RhombusTrigger().description,
	indivd: new Indivd().description,
	indivdTrigger: new IndivdTrigger().description,
};
const credentials = { rhombusApi: new RhombusApi(), indivdApi: new IndivdApi() };

interface Subject {
	label: string;
	subject: string;
	properties: INodeProperties[];
	scopeKeys: ScopeKeys;
}

const subjects: Subject[] = [
	{
		label: 'Rhombus',
		subject: 'rhombus',
		properties: nodes.rhombus.properties,
		scopeKeys: actionScopeKeys,
	},
	{
		label: 'Rhombus Trigger',
		subject: 'rhombusTrigger',
		properties: nodes.rhombusTrigger.properties,
		scopeKeys: triggerScopeKeys,
	},
	{
		label: 'Indivd',
		subject: 'indivd',
		properties: nodes.indivd.properties,
		scopeKeys: actionScopeKeys,
	},
	{
		label: 'Indivd Trigger',
		subject: 'indivdTrigger',
		properties: nodes.indivdTrigger.properties,
		scopeKeys: triggerScopeKeys,
	},
	{
		label: 'Rhombus credential',
		subject: 'rhombusApi',
		properties: credentials.rhombusApi.properties,
		scopeKeys: credentialScopeKeys,
	},
	{
		label: 'Indivd credential',
		subject: 'indivdApi',
		properties: credentials.indivdApi.properties,
		scopeKeys: credentialScopeKeys,
	},
];

function documentedFor(subject: string) {
	return new Map([...documented].filter(([scope]) => belongsTo(scope, subject)));
}

/** The value cell of a two-column table row of §1 whose item starts with `item`. */
function packageRow(item: string): string {
	const table = markdownTables(sectionText(contract, 1)).find(
		(candidate) => candidate.header.join('|') === 'item|value',
	);
	const row = table?.rows.find(({ cells }) => cells[0].startsWith(item));
	if (row === undefined) throw new Error(`§1 of docs/contract.md has no "${item}" row`);
	return row.cells[1];
}

/** The code spans of a cell before any parenthesised remark. */
function namesIn(cell: string): string[] {
	return codeSpans(cell.split('(')[0]);
}

function optionValues(
	description: INodeTypeDescription,
	name: string,
	resource?: string,
): string[] {
	return description.properties
		.filter(
			(property) =>
				property.name === name &&
				(resource === undefined ||
					(property.displayOptions?.show?.resource ?? []).includes(resource)),
		)
		.flatMap((property) => property.options ?? [])
		.map((option) => String((option as { value: unknown }).value));
}

/** `resource/operation` pairs of an action node, from its selectors. */
function operationsOf(description: INodeTypeDescription): string[] {
	return optionValues(description, 'resource')
		.flatMap((resource) =>
			optionValues(description, 'operation', resource).map(
				(operation) => `${resource}/${operation}`,
			),
		)
		.sort();
}

/** `resource/operation` pairs of the operations table of a section. */
function operationTable(section: number): string[] {
	const table = markdownTables(sectionText(contract, section)).find(
		(candidate) => candidate.header.slice(0, 3).join('|') === 'resource|operation|API call',
	);
	if (table === undefined)
		throw new Error(`§${section} of docs/contract.md has no operations table`);
	return table.rows
		.map(({ cells }) => `${codeSpans(cells[0])[0]}/${codeSpans(cells[1])[0]}`)
		.sort();
}

describe('docs/contract.md parameter tables', () => {
	test('every parameter table sits under a heading that names its scope', () => {
		const unnamed = markdownTables(contract)
			.filter((table) => table.header[0] === 'name' && table.header.includes('default'))
			.filter((table) => scopeOfHeading(table.heading) === undefined)
			.map((table) => `line ${table.line} under "${table.heading}"`);
		expect(unnamed).toEqual([]);
		expect(documented.size).toBeGreaterThan(20);
	});

	test('every scope of the contract belongs to a node or credential of the package', () => {
		const orphans = [...documented.keys()].filter(
			(scope) => !subjects.some(({ subject }) => belongsTo(scope, subject)),
		);
		expect(orphans).toEqual([]);
	});

	test.each(subjects)(
		'every $label parameter is in the contract with its type, default, values and display conditions',
		({ subject, properties, scopeKeys }) => {
			const declared = declaredParameters(subject, properties, scopeKeys);
			expect(declared.size).toBeGreaterThan(0);
			expect(missingOrDifferent(declared, documentedFor(subject))).toEqual([]);
		},
	);

	test.each(subjects)(
		'every $label parameter the contract lists exists in the code for that scope',
		({ subject, properties, scopeKeys }) => {
			const declared = declaredParameters(subject, properties, scopeKeys);
			const listed = documentedFor(subject);
			expect(listed.size).toBeGreaterThan(0);
			expect(undeclared(declared, listed)).toEqual([]);
		},
	);
});

describe('docs/contract.md names and structure', () => {
	test('§1 names the npm package, node types and credential types the code declares', () => {
		const packageJson = JSON.parse(readRepoFile('package.json')) as { name: string };
		expect(namesIn(packageRow('npm name'))).toEqual([packageJson.name]);
		expect(namesIn(packageRow('node types')).sort()).toEqual(
			Object.values(nodes)
				.map((description) => description.name)
				.sort(),
		);
		expect(namesIn(packageRow('credential types')).sort()).toEqual(
			Object.values(credentials)
				.map((credential) => credential.name)
				.sort(),
		);
	});

	test('the triggers poll, the action nodes are tools, and each node requires its vendor credential', () => {
		expect(nodes.rhombusTrigger.polling).toBe(true);
		expect(nodes.indivdTrigger.polling).toBe(true);
		expect(nodes.rhombus.usableAsTool).toBe(true);
		expect(nodes.indivd.usableAsTool).toBe(true);
		for (const description of Object.values(nodes)) expect(description.version).toBe(1);
		expect(nodes.rhombus.credentials).toEqual([{ name: 'rhombusApi', required: true }]);
		expect(nodes.rhombusTrigger.credentials).toEqual([{ name: 'rhombusApi', required: true }]);
		expect(nodes.indivd.credentials).toEqual([{ name: 'indivdApi', required: true }]);
		expect(nodes.indivdTrigger.credentials).toEqual([{ name: 'indivdApi', required: true }]);
	});

	test('the operations tables of §3 and §4 list exactly the resources and operations of the nodes', () => {
		expect(operationTable(3)).toEqual(operationsOf(nodes.rhombus));
		expect(operationTable(4)).toEqual(operationsOf(nodes.indivd));
		expect(operationTable(3)).toHaveLength(7);
	});

	test('§5 numbers the trigger promises in order from 1, without gaps', () => {
		const numbers = sectionText(contract, 5)
			.split('\n')
			.map((line) => /^(\d+)\. \*\*/.exec(line))
			.filter((match) => match !== null)
			.map((match) => Number(match[1]));
		expect(numbers.length).toBeGreaterThanOrEqual(9);
		expect(numbers).toEqual(numbers.map((_number, index) => index + 1));
	});
});

describe('docs/contract.md §6 bucket items', () => {
	const section = sectionText(contract, 6);
	const fieldTable = markdownTables(section).find(
		(table) => table.header.join('|') === 'field|type|meaning',
	);
	const fieldRow = (field: string) =>
		fieldTable?.rows.find(({ cells }) => codeSpans(cells[0])[0] === field)?.cells ?? [];

	test('a bucket item reads local time, scope and numbers first, then the documented fields in order', () => {
		const item = bucketItem({
			source: 'rhombus',
			metric: 'occupancy',
			scope: 'camera=AAAAAAAAAAAAAAAAAAAAAA',
			bucket: { start: Date.UTC(2026, 10, 2, 12), end: Date.UTC(2026, 10, 2, 13) },
			granularity: 'hour',
			timeZone: 'Europe/Berlin',
			scopeFields: { cameraUuid: 'AAAAAAAAAAAAAAAAAAAAAA' },
			values: { occupancy: 3 },
			warning: 'partial',
		});
		const documentedFields = (fieldTable?.rows ?? []).map(({ cells }) => codeSpans(cells[0])[0]);
		expect(documentedFields).toHaveLength(9);
		const [localTime, ...technical] = documentedFields;
		expect(Object.keys(item)).toEqual([
			localTime,
			'cameraUuid',
			'occupancy',
			...technical,
			'warning',
		]);
	});

	test('§6.3 lists the metric fields a correction compares, metric by metric', () => {
		const table = markdownTables(section).find(
			(candidate) => candidate.header.join('|') === 'metric|scope fields|metric fields',
		);
		const documented = Object.fromEntries(
			(table?.rows ?? []).map(({ cells }) => [
				codeSpans(cells[0])[0],
				codeSpans(cells[2].replace(/\([^)]*\)/g, '')),
			]),
		);
		expect(documented).toEqual(metricFields);
	});

	test('§6.5 names the fields a correction adds', () => {
		const table = markdownTables(sectionText(contract, 6)).find(
			(candidate) =>
				candidate.header.join('|') === 'field|type|meaning' &&
				candidate.heading.includes('Corrections'),
		);
		expect((table?.rows ?? []).map(({ cells }) => codeSpans(cells[0])[0])).toEqual([
			'revision',
			'previous',
		]);
	});

	test('the examples of §6 are what a bucket item holds for that bucket', () => {
		const key = codeSpans(section).find((span) => /^\w+:\w+:.+:\w+:\d{4}-/.test(span)) ?? '';
		const parts = /^(\w+):(\w+):(.+):(\w+):(\d{4}-\d\d-\d\dT[\d:.]+Z)$/.exec(key);
		expect(parts).not.toBeNull();
		const [, source, metric, scope, granularity, start] = parts ?? [];
		const startMs = Date.parse(start);
		const item = bucketItem({
			source: source as Source,
			metric: metric as Metric,
			scope,
			bucket: { start: startMs, end: startMs + 3_600_000 },
			granularity: granularity as Granularity,
			timeZone: 'Europe/Berlin',
			scopeFields: {},
			values: {},
		});
		expect(item.bucketKey).toBe(key);
		expect(codeSpans(fieldRow('bucketStart')[1])).toContain(item.bucketStart);
		expect(codeSpans(fieldRow('bucketStartLocal')[1])).toContain(item.bucketStartLocal);
	});
});

describe('docs/contract.md stays inside the repository', () => {
	test('every link of the contract leads to a web page, an anchor or a file of the repository', () => {
		const targets = [
			...[...contract.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
			...[...contract.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1]),
			...[...contract.matchAll(/\b(?:href|src)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]),
		];
		const outside = targets.filter((target) => {
			if (target.startsWith('#')) return false;
			if (/^(https?|mailto):/i.test(target)) return false;
			if (/^[a-z][\w+.-]*:/i.test(target)) return true;
			const resolved = resolveReference(contractPath, target.split('#')[0]);
			return !resolved.insideRepo || !resolved.exists;
		});
		expect(outside).toEqual([]);
	});

	test('the contract names no path outside the repository', () => {
		const absolute = [
			...contract.matchAll(
				/(?:^|[\s`'"(=])((?:\/(?:work|home|tmp|root|usr|etc|var|opt|mnt|srv|Users)\b|~\/|[A-Za-z]:\\)\S*)/gm,
			),
		].map((m) => m[1]);
		const parents = [...contract.matchAll(/(?:^|[\s`'"(=])((?:\.\.\/)+[^\s`'")]*)/gm)]
			.map((m) => m[1])
			.filter((reference) => !resolveReference(contractPath, reference).insideRepo);
		const fileUrls = [...contract.matchAll(/\bfile:\/\/\S*/g)].map((m) => m[0]);
		expect([...absolute, ...parents, ...fileUrls]).toEqual([]);
	});
});
