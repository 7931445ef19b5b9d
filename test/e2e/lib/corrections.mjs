// The Google Sheets example as the end-to-end suite can watch it correct a bucket in minutes
// rather than hours: minute buckets settled at once, polled on the suite's ticks, at the entrance
// where it is daytime now. Re-checking, the append-or-update on bucketKey and the disabled
// Sheets node are the example's own.
import { daytimeEntrance, pollTimes } from './triggers.mjs';

export const CORRECTION_WORKFLOW_ID = 'e2eSheetsRevised';

export function sheetsCorrectionWorkflow(example) {
	const wf = structuredClone(example);
	wf.id = CORRECTION_WORKFLOW_ID;
	wf.name = `E2E: ${example.name}, per minute, with a late upload`;
	const trigger = wf.nodes.find((node) => /\.indivdTrigger$/.test(node.type));
	if (!trigger) throw new Error(`${example.name} has no Indivd Trigger`);
	if (!(trigger.parameters.recheckBuckets > 0)) {
		throw new Error(`${example.name} does not re-check recent buckets`);
	}
	const entrance = daytimeEntrance();
	Object.assign(trigger.parameters, {
		granularity: 'minute',
		locations: [entrance.location],
		lineIds: [entrance.line],
		settleMinutes: 0,
		backfillBuckets: 3,
		pollTimes,
	});
	const sheet = wf.nodes.find((node) => /\.googleSheets$/.test(node.type));
	if (!sheet?.disabled) throw new Error(`${example.name}: the Google Sheets node must be disabled`);
	return { workflow: wf, trigger: trigger.name, sheet: sheet.name };
}
