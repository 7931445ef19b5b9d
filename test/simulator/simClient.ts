import type { Simulator } from '../../simulator/server.cjs';

export interface SimResponse<T = Record<string, unknown>> {
	status: number;
	headers: Headers;
	text: string;
	/** Parsed body; `undefined` when the body is empty or not JSON. */
	json: T;
}

async function toSimResponse<T>(res: Response): Promise<SimResponse<T>> {
	const text = await res.text();
	let json: unknown = undefined;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json: json as T };
}

export function rhombusHeaders(sim: Simulator, overrides: Record<string, string> = {}) {
	return {
		'content-type': 'application/json',
		'x-auth-apikey': sim.fixtures.rhombus.apiKey,
		'x-auth-scheme': 'api-token',
		...overrides,
	};
}

export async function rhombus<T = RhombusBody>(
	sim: Simulator,
	path: string,
	body: unknown = {},
	headers?: Record<string, string>,
): Promise<SimResponse<T>> {
	const res = await fetch(`${sim.url}${path}`, {
		method: 'POST',
		headers: headers ?? rhombusHeaders(sim),
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return toSimResponse<T>(res);
}

export async function indivd<T = unknown>(
	sim: Simulator,
	path: string,
	params: Record<string, string | number> = {},
	token: string | null = sim.fixtures.indivd.token,
): Promise<SimResponse<T>> {
	const qs = new URLSearchParams(
		Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
	).toString();
	const res = await fetch(`${sim.url}${path}${qs ? `?${qs}` : ''}`, {
		headers: token === null ? {} : { authorization: `Token ${token}` },
		redirect: 'manual',
	});
	return toSimResponse<T>(res);
}

export const LINE_CROSSES = '/api/v1/rnd/insights/external/line_crosses/';
export const ZONE_VISITORS = '/api/v1/rnd/insights/external/zone_visitors/';
export const DROP_IN_RATE = '/api/v1/rnd/insights/external/drop_in_rate/';

/** Width and height from the SOF0/SOF2 segment of a JPEG, or null when it is not a JPEG. */
export function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
	if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
	let i = 2;
	while (i + 9 < bytes.length) {
		if (bytes[i] !== 0xff) return null;
		const marker = bytes[i + 1];
		const len = (bytes[i + 2] << 8) | bytes[i + 3];
		if (marker === 0xc0 || marker === 0xc2) {
			return {
				height: (bytes[i + 5] << 8) | bytes[i + 6],
				width: (bytes[i + 7] << 8) | bytes[i + 8],
			};
		}
		i += 2 + len;
	}
	return null;
}

export function base64ToBytes(b64: string): Uint8Array {
	return new Uint8Array(Buffer.from(b64, 'base64'));
}

export function sum(values: number[]): number {
	return values.reduce((a, b) => a + b, 0);
}

export const HOUR_MS = 3600000;
export const DAY_MS = 24 * HOUR_MS;

export interface RhombusBody {
	error?: boolean;
	errorMsg?: string;
	warningMsg?: string;
	msg?: string;
	[key: string]: unknown;
}

export interface CrossingCount {
	ingressCount: number;
	egressCount: number;
	timestampMs: number;
}

export interface CrossingReport extends RhombusBody {
	crossingCounts?: CrossingCount[];
	deviceCrossingCounts?: Record<string, CrossingCount[]>;
}

export interface OccupancyPoint {
	timestampMs: number;
	dateLocal: string;
	dateUtc: string;
	eventCountMap: Record<string, number>;
	approximateTimestampMsMap: Record<string, number>;
	reportingDevicesMap: Record<string, string[]>;
}

export interface OccupancyReport extends RhombusBody {
	timeSeriesDataPoints: OccupancyPoint[];
}

export interface FrameResponse extends RhombusBody {
	frameData?: string | null;
	mimeType?: string;
	responseMessage?: string;
}

export interface Clip {
	uuid: string;
	status: string;
	percentComplete: number;
	currentOperation: string;
	title: string;
	durationSec: number;
	timestampMs: number;
	createdAtMs: number;
	deviceUuid: string;
	deviceUuids: string[];
	clipLocation: { region: string };
	byteCount: number;
}

export interface ClipResponse extends RhombusBody {
	clip: Clip;
}

export interface ClipsPage extends RhombusBody {
	savedClips: Clip[];
	pageToken: string | null;
}

export interface LineCrossRow {
	_id: Record<string, number>;
	count: number;
}

export interface ZoneInsight {
	visits: number;
	unique_visits: number;
	bounce: number;
	dwell_time: number;
	dwell_time_stats: { mean: number; min: number; max: number; quantiles: number[]; n: number };
	exclude: { min_dwell_time: number; max_dwell_time: number };
	aggregation: Record<string, number | string>;
}

export interface ZonePeriod {
	startdate: string;
	enddate: string;
	insights: ZoneInsight[];
}

export interface ZoneVisitors {
	current: ZonePeriod;
	comparison: ZonePeriod | Record<string, never>;
}

export interface DropInRow {
	[field: string]: number;
}

export interface DropInZone {
	zone_id: number;
	zone_name: string;
	loc_id: number;
	loc_name: string;
	location_custom_id: string;
	total_visits: number;
	total_passing_by: number;
	drop_in_rate: number;
	details: DropInRow[];
}

export interface DropInSummary {
	startdate: string;
	enddate: string;
	passing_by: number;
	enter: number;
	enter_percentage: number;
}

export interface DropIn {
	summary: { current: DropInSummary; comparison: DropInSummary | Record<string, never> };
	details: { interval: string; current: DropInRow[]; comparison: DropInRow[] };
	zone_details: {
		current: Record<string, DropInZone>;
		comparison: Record<string, DropInZone>;
	};
}
