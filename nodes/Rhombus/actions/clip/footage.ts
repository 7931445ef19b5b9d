import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { bareCameraUuid } from '../../helpers/cameraIds';
import { rhombusApiRequest } from '../../transport';

/**
 * Rhombus's React SDK merges windows closer than this (2-second media segments leave hairline
 * seams between them) and ignores gaps shorter than it.
 */
const seamMs = 2_000;

/**
 * Presence ingest lags the wall clock, so the SDK never calls the last two minutes a gap: the
 * footage of that time may not be reported yet.
 */
const liveEdgeMs = 120_000;

interface Span {
	startMs: number;
	endMs: number;
}

/** What the presence windows say about the clip's span; `unknown` when they cannot say. */
export type FootageCheck =
	| { kind: 'unknown' }
	| { kind: 'covered' }
	| { kind: 'partial'; gaps: Span[] }
	| { kind: 'none'; gap: Span };

const startNames = ['startSeconds', 'startTimeSec', 'startSec'];
const durationNames = ['durationSeconds', 'durationSec'];
const endNames = ['endSeconds', 'endTimeSec', 'endSec'];

function seconds(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

function firstSeconds(window: Record<string, unknown>, names: string[]): number | undefined {
	for (const name of names) {
		const value = seconds(window[name]);
		if (value !== undefined) return value;
	}
	return undefined;
}

function readWindow(window: unknown): Span | undefined {
	if (!window || typeof window !== 'object' || Array.isArray(window)) return undefined;
	const fields = window as Record<string, unknown>;
	const start = firstSeconds(fields, startNames);
	const duration = firstSeconds(fields, durationNames);
	const end =
		duration !== undefined && start !== undefined
			? start + duration
			: firstSeconds(fields, endNames);
	if (start === undefined || end === undefined) return undefined;
	return { startMs: start * 1000, endMs: end * 1000 };
}

/**
 * The footage windows of every presence type (the SDK reads `VideoCloud` and `VideoLocal`), or
 * undefined when the answer is not readable: as the SDK does, only a map that is there says
 * anything, and a null list is a type without footage.
 */
export function readPresenceWindows(presenceWindows: unknown): Span[] | undefined {
	if (!presenceWindows || typeof presenceWindows !== 'object' || Array.isArray(presenceWindows)) {
		return undefined;
	}
	const windows: Span[] = [];
	for (const list of Object.values(presenceWindows)) {
		if (!Array.isArray(list)) continue;
		for (const entry of list) {
			const window = readWindow(entry);
			// One window that cannot be read makes every gap doubtful.
			if (!window) return undefined;
			if (window.endMs > window.startMs) windows.push(window);
		}
	}
	return windows;
}

/** The parts of `span` no window covers, judged only up to `nowMs` minus the live edge. */
export function footageCheck(windows: Span[], span: Span, nowMs: number): FootageCheck {
	const judgedEnd = Math.min(span.endMs, nowMs - liveEdgeMs);
	if (judgedEnd <= span.startMs) return { kind: 'unknown' };
	const sorted = [...windows].sort((a, b) => a.startMs - b.startMs);
	const gaps: Span[] = [];
	let cursor = span.startMs;
	for (const window of sorted) {
		if (window.startMs >= judgedEnd || cursor >= judgedEnd) break;
		if (window.startMs > cursor + seamMs) gaps.push({ startMs: cursor, endMs: window.startMs });
		cursor = Math.max(cursor, window.endMs);
	}
	if (cursor < judgedEnd) gaps.push({ startMs: cursor, endMs: judgedEnd });
	const real = gaps.filter((gap) => gap.endMs - gap.startMs >= seamMs);
	if (real.length === 0) return { kind: 'covered' };
	const [only] = real;
	if (real.length === 1 && only.startMs === span.startMs && only.endMs === span.endMs) {
		return { kind: 'none', gap: only };
	}
	return { kind: 'partial', gaps: real };
}

function isoSpan({ startMs, endMs }: Span): string {
	return `${new Date(startMs).toISOString()} to ${new Date(endMs).toISOString()}`;
}

/**
 * Asks Rhombus where the camera has footage in the clip's span, since spliceV3 renders a clip
 * over missing footage as "VIDEO NOT AVAILABLE" frames and calls it a success. The endpoint is a
 * helper Rhombus does not document for this, so when it fails or its answer cannot be read the
 * clip is created as before; only a key Rhombus rejects (401) stops here, as spliceV3 would too.
 */
export async function checkFootage(
	context: IExecuteFunctions,
	cameraUuid: string,
	span: Span,
	itemIndex: number,
): Promise<FootageCheck> {
	const startTimeSec = Math.floor(span.startMs / 1000);
	const answer = await rhombusApiRequest(
		context,
		'/api/camera/getPresenceWindows',
		{
			cameraUuid: bareCameraUuid(cameraUuid),
			startTimeSec,
			durationSec: Math.ceil(span.endMs / 1000) - startTimeSec,
		},
		{ itemIndex, retry: { serverErrorRetries: 0, timeoutMs: 10_000 } },
	).then(
		(response) => ({ presenceWindows: response.presenceWindows }),
		(error: unknown) => ({ error }),
	);
	if ('error' in answer) {
		if (answer.error instanceof NodeApiError && answer.error.httpCode === '401') {
			throw answer.error;
		}
		return { kind: 'unknown' };
	}
	const windows = readPresenceWindows(answer.presenceWindows);
	return windows ? footageCheck(windows, span, Date.now()) : { kind: 'unknown' };
}

/** Fails a clip without any footage before it is created; returns the warning for a partial one. */
export function footageWarning(
	context: IExecuteFunctions,
	check: FootageCheck,
	cameraUuid: string,
	itemIndex: number,
): string | undefined {
	const camera = bareCameraUuid(cameraUuid);
	if (check.kind === 'none') {
		throw new NodeOperationError(
			context.getNode(),
			`Start Time: camera ${camera} has no recorded footage from ${isoSpan(check.gap)}`,
			{
				itemIndex,
				description:
					'Rhombus would save a clip of "VIDEO NOT AVAILABLE" frames, so none was created. The camera may have been offline, or the time is outside its retention window: choose a Start Time with footage.',
			},
		);
	}
	if (check.kind !== 'partial') return undefined;
	return `Camera ${camera} has no recorded footage from ${check.gaps.map(isoSpan).join(' and from ')}: the clip shows "VIDEO NOT AVAILABLE" there`;
}
