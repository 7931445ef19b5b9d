export type Vendor = 'rhombus' | 'indivd';

export type FaultKind =
	| 'status'
	| 'rateLimit'
	| 'timeout'
	| 'malformedJson'
	| 'inBandError'
	| 'schema'
	| 'html'
	| 'redirect'
	| 'huge'
	| 'truncated'
	| 'reset';

export interface Fault {
	vendor?: Vendor;
	/** Exact path or a substring of it. */
	path?: string;
	kind: FaultKind;
	/** Matching requests to let through before the fault starts, e.g. 1 to fail the second; default 0. */
	skip?: number;
	/** How many matching requests get the fault; default 1, `Infinity` allowed. */
	times?: number;
	/** For `status`; default 500. */
	status?: number;
	/** For `rateLimit`; default 1. */
	retryAfterSec?: number;
	/** For `inBandError`. */
	errorMsg?: string;
	/** Response JSON for `status` and `schema`; extra fields for `inBandError`. */
	body?: unknown;
}

export interface LogEntry {
	vendor: Vendor | 'control' | 'unknown';
	method: string;
	path: string;
	query: Record<string, string>;
	/** Lower-case header names, as received. */
	headers: Record<string, string>;
	/** Parsed JSON, the raw text when it is not JSON, or null when empty. */
	body: unknown;
	/** 0 when no response was sent (`timeout`, `reset`). */
	status: number;
	/** Simulated time of the request (epoch ms). */
	at: number;
	/** Kind of the fault this request received, if any. */
	fault?: FaultKind;
}

export interface RateLimit {
	ratePerSec: number;
	burst: number;
}

export type CrossingShape = 'array' | 'map';
export type LocationsShape = 'object' | 'idMap' | 'array' | 'wrapped';

export interface SimulatorOptions {
	/** Default 0 (any free port). */
	port?: number;
	/** Loopback only; default 127.0.0.1. */
	host?: string;
	/** Default 42. Same seed (and same `now`) gives the same bytes. */
	seed?: number;
	/** Epoch ms or a clock function; default Date.now. */
	now?: number | (() => number);
	/** Per vendor and key; default { ratePerSec: 20, burst: 200 }; false disables. */
	rateLimit?: RateLimit | false;
	/** Number of Rhombus cameras; default 6. */
	cameras?: number;
	/** Also record /__sim/ control calls in the log; default false. */
	logControl?: boolean;
}

export interface RhombusCameraFixture {
	uuid: string;
	name: string;
	locationUuid: string;
	timeZone: string;
	online: boolean;
	lineCrossing: boolean;
	/** eventCountMap keys of getOccupancyCountsV2; empty when the camera has no occupancy region. */
	occupancyKeys: string[];
}

export interface Fixtures {
	rhombus: {
		apiKey: string;
		partnerApiKey: string;
		partnerOrgUuid: string;
		limitedApiKey: string;
		orgUuid: string;
		mediaRegion: string;
		locations: Array<{ uuid: string; name: string; tz: string }>;
		cameras: RhombusCameraFixture[];
	};
	indivd: {
		token: string;
		scopedToken: string;
		scopedLocationIds: number[];
		organisations: Array<{ id: number; name: string }>;
		locations: Array<{ id: number; name: string; timezone: string; organisation_id: number }>;
		zones: Array<{ id: number; name: string; location_id: number; dropIn: boolean }>;
		lines: Array<{ id: number; name: string; location_id: number; category: number }>;
	};
}

export interface Simulator {
	/** e.g. http://127.0.0.1:43121 (serves Rhombus, its media host, Indivd and /__sim/). */
	url: string;
	port: number;
	seed: number;
	fixtures: Fixtures;
	/** Closes the server and every held socket. */
	close(): Promise<void>;
	now(): number;
	/** Freeze the simulated clock at `ms`; null returns to the clock given at start. */
	setNow(ms: number | null): void;
	log: {
		entries(): LogEntry[];
		clear(): void;
	};
	faults: {
		add(fault: Fault): Fault;
		clear(): void;
		list(): Fault[];
	};
	config: {
		setCrossingShape(shape: CrossingShape): SimulatorConfig;
		setLocationsShape(shape: LocationsShape): SimulatorConfig;
		setRateLimit(rate: RateLimit | false): SimulatorConfig;
		/** Indivd's documented range limits (minute ≤ 3 days, hour ≤ 7, week within a year); on by default. */
		setRangeLimits(enabled: boolean): SimulatorConfig;
		get(): SimulatorConfig;
	};
}

export interface SimulatorConfig {
	crossingShape: CrossingShape;
	locationsShape: LocationsShape;
	rangeLimits: boolean;
	rateLimit: RateLimit | false;
}

export declare function startSimulator(options?: SimulatorOptions): Promise<Simulator>;
