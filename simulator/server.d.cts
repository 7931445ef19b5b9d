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

/**
 * A late count: while the simulated clock is before `until`, every count of a minute in
 * [`from`, `to`) reads `Math.floor(trueCount * factor)` (per minute and per series, so coarser
 * buckets stay the sums of finer ones); from `until` on, the true count. Applies to Rhombus
 * crossing counts and to Indivd line crosses, zone visitors and drop-in rate, not to occupancy.
 * Where revisions overlap, the one added last wins.
 */
export interface Revision {
	/** Default: both vendors. */
	vendor?: Vendor;
	/** Epoch ms, minute aligned. */
	from: number;
	/** Epoch ms, minute aligned, exclusive; after `from`. */
	to: number;
	/** >= 0: 0 nothing uploaded yet, 0.5 half uploaded, 1.5 double counted before deduplication. */
	factor: number;
	/** Simulated time (epoch ms) from which the true counts are reported. */
	until: number;
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
	/** Set when a variant changed this answer: its request kind, and how many places each edit changed. */
	variant?: { kind: RequestKind; matched: number[] };
}

/** Rhombus operations, as served. */
export type RhombusKind =
	| 'getMinimalCameraStateList'
	| 'getLocations'
	| 'getOccupancyEnabledCameras'
	| 'getLineCrossingEnabledCamerasForLocation'
	| 'getLineCrossingEnabledCameras'
	| 'getOrgV2'
	| 'getPresenceWindows'
	| 'getBatchThresholdCrossingCountReport'
	| 'getOccupancyCountsV2'
	| 'getExactFrameData'
	| 'spliceV3'
	| 'getClipWithProgress'
	| 'getClipsWithProgress';

export type IndivdKind =
	| 'line_crosses'
	| 'zone_visitors'
	| 'drop_in_rate'
	| 'filters/locations'
	| 'filters/zones'
	| 'filters/lines'
	| 'filters/categories'
	| 'filters/organisations';

/** What a variant is set for: a Rhombus operation name or an Indivd endpoint. */
export type RequestKind = RhombusKind | IndivdKind;

/**
 * What an edit does at `path`:
 * - `null`: the value becomes null (created if its object lacks it);
 * - `absent`: the field is removed (an array element is taken out);
 * - `extra`: a non-empty object gains the field `key` (default `simulatorUnknownField`) with
 *   `value` (an empty object often stands for "nothing", which a field would turn into something);
 * - `empty`: an array becomes `[]`, an object `{}`, a string `''`;
 * - `set`: the value becomes `value` (at `''`, a whole other body);
 * - `rename`: the field moves to the name `key` in the same object;
 * - `wrap`: the value becomes `{ [key]: value }` (default key `results`);
 * - `values`: an object becomes the array of its values;
 * - `keyed`: an array becomes an object keyed by each element's `key` field (default `id`; the
 *   index where an element lacks it);
 * - `first`: an array becomes its first element.
 */
export type VariantOp =
	| 'null'
	| 'absent'
	| 'extra'
	| 'empty'
	| 'set'
	| 'rename'
	| 'wrap'
	| 'values'
	| 'keyed'
	| 'first';

export interface VariantEdit {
	/**
	 * `a.b[0].c`; `''` is the whole answer. `[N]` is an array element (negative from the end) or
	 * an object's N-th entry, `[*]` every element or entry, `["a.b"]` a key with dots.
	 */
	path: string;
	op: VariantOp;
	key?: string;
	value?: unknown;
}

export type Variants = Partial<Record<RequestKind, VariantEdit[]>>;

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
	/** Variants served from the start (see `Simulator.variants`). */
	variants?: Variants;
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
	/** Late and corrected counts of closed buckets (see `Revision`); stay until cleared. */
	revisions: {
		add(revision: Revision): Revision;
		clear(): void;
		list(): Revision[];
	};
	config: {
		setCrossingShape(shape: CrossingShape): SimulatorConfig;
		setLocationsShape(shape: LocationsShape): SimulatorConfig;
		setRateLimit(rate: RateLimit | false): SimulatorConfig;
		/** Indivd's documented range limits (minute ≤ 3 days, hour ≤ 7, week within a year); on by default. */
		setRangeLimits(enabled: boolean): SimulatorConfig;
		/**
		 * The camera capability lists (getOccupancyEnabledCameras, getLineCrossingEnabledCameras and
		 * …ForLocation), not in Rhombus's public spec; `false` answers them 404 like an unknown route.
		 * On by default.
		 */
		setCapabilityEndpoints(enabled: boolean): SimulatorConfig;
		/**
		 * How long (real time, ms) a clip made by spliceV3 is missing from getClipWithProgress
		 * (`clip: null`) and getClipsWithProgress; default 0.
		 */
		setClipVisibleAfterMs(ms: number): SimulatorConfig;
		/** How Rhombus's reports place their points (unset fields take the defaults). */
		setRhombusConventions(conventions: Partial<RhombusConventions>): SimulatorConfig;
		get(): SimulatorConfig;
	};
	/**
	 * Spec-allowed variants of the normal answers, per request kind: the edits are applied in
	 * order to the JSON of every successful answer of that kind until cleared. Media downloads and
	 * error answers are never changed.
	 */
	variants: {
		/** The request kinds variants can be set for. */
		kinds(): RequestKind[];
		/** Replaces the edits of one kind (an empty list clears it); returns them as stored. */
		set(kind: RequestKind, edits: VariantEdit | VariantEdit[]): VariantEdit[];
		/** Replaces the edits of every kind named; nothing is set if one is invalid. */
		setAll(variants: Variants): Variants;
		/** Clears one kind, or every kind. */
		clear(kind?: RequestKind): void;
		list(): Variants;
	};
}

export interface SimulatorConfig {
	crossingShape: CrossingShape;
	locationsShape: LocationsShape;
	rangeLimits: boolean;
	clipVisibleAfterMs: number;
	capabilityEndpoints: boolean;
	rhombusConventions: RhombusConventions;
	rateLimit: RateLimit | false;
}

/**
 * The conventions of Rhombus's reports that no Rhombus source documents, each served as asked.
 * Defaults: `asked`, `start`, `monday`, `all`.
 */
export interface RhombusConventions {
	/**
	 * The calendar buckets are counted on: `asked` the `timeZone` sent (occupancy, which sends
	 * none: the camera location's zone), `location` the camera location's zone (crossing counts:
	 * the first camera's), `utc` UTC.
	 */
	calendar: 'asked' | 'location' | 'utc';
	/** Where `timestampMs` (and the date texts) sit in their bucket. */
	stamp: 'start' | 'middle' | 'end';
	weekStart: 'monday' | 'sunday';
	/**
	 * Occupancy points' times: `all` timestampMs, dateUtc and dateLocal; `textOnly` no
	 * timestampMs; `localOnly` only dateLocal.
	 */
	dates: 'all' | 'textOnly' | 'localOnly';
}

export declare function startSimulator(options?: SimulatorOptions): Promise<Simulator>;
