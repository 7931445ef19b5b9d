// The results as Markdown: the tables of bench/results.md and the README's "Performance" section.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { categoryLabels } = require('./profile.cjs');

const MB = 1024 * 1024;

const mb = (bytes) => `${(bytes / MB).toFixed(1)} MB`;
const ms = (value) =>
	value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
const times = (value) => `${value.toFixed(value >= 10 ? 0 : 1)}×`;
const rate = (value) =>
	value >= 1e6 ? `${(value / 1e6).toFixed(2)} M` : `${Math.round(value / 1000)} k`;
const percent = (share) => `${Math.round(share * 100)} %`;
const verdict = (ok) => (ok ? '**met**' : '**missed**');

function table(header, rows) {
	const line = (cells) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function economySection(rows) {
	if (!rows) return '';
	return `## Request economy

Requests counted from the simulator's request log (50 cameras, no rate limit).

${table(
	['job', 'ours', 'target', 'do-it-yourself recipe', 'same totals', 'verdict'],
	rows.map((row) => [
		row.job,
		String(row.ours),
		String(row.expected),
		`${row.recipe} (${times(row.recipe / row.ours)} ours)`,
		row.sameTotals ? 'yes' : '**no**',
		verdict(row.ours === row.expected && row.sameTotals),
	]),
)}

The recipe counted is what people build today without the package: a Schedule Trigger, a Code
node listing the days of the range, and an HTTP Request node run once per day (Indivd) or once
per camera and day (Rhombus). One day per request is the simplest split that never breaks
Indivd's limits (minute data ≤ 3 days, hour ≤ 7 days, weeks within one calendar year); for weeks
it also leaves a Code node to add up the partial weeks. The recipe's requests are really sent to
the simulator and its totals compared with ours ("same totals").
`;
}

function speedSection(rows) {
	if (!rows) return '';
	const main = table(
		[
			'workload',
			'response',
			'buckets',
			'floor (undici + JSON.parse)',
			'ours (node → items)',
			'time ratio (target ≤ 1.5×)',
			'buckets/s floor / ours',
			'peak heap floor / ours (× response)',
			'heap target ≤ 3× response',
		],
		rows.map((row) => [
			row.name,
			mb(row.bytes),
			row.buckets.toLocaleString('en-US'),
			ms(row.floorMs),
			ms(row.oursMs),
			`${row.timeRatio.toFixed(1)}× ${verdict(row.timeRatio <= 1.5)}`,
			`${rate(row.floorBucketsPerSec)} / ${rate(row.oursBucketsPerSec)}`,
			`${mb(row.floorPeakHeap)} (${(row.floorPeakHeap / row.bytes).toFixed(1)}×) / ${mb(row.oursPeakHeap)} (${(row.oursPeakHeap / row.bytes).toFixed(1)}×)`,
			`${verdict(row.oursAtTarget.ok)}`,
		]),
	);
	const memory = table(
		[
			'workload',
			'output items alone (live after GC)',
			'peak RSS floor / ours',
			'ours with old space capped at baseline + 3× response',
		],
		rows.map((row) => [
			row.name,
			`${mb(row.oursOutputHeap)} (${(row.oursOutputHeap / row.bytes).toFixed(1)}× response)`,
			`${mb(row.floorMaxRss)} / ${mb(row.oursMaxRss)}`,
			`${row.oursAtTarget.limitMb} MB: ${row.oursAtTarget.ok ? 'finishes' : row.oursAtTarget.error}`,
		]),
	);
	const keys = ['gc', 'offsets', 'luxon', 'zod', 'http', 'package', 'other'];
	const profile = table(
		['workload', 'profiled CPU', ...keys.map((key) => categoryLabels[key])],
		rows.map((row) => [
			row.name,
			ms(row.profile.totalMs),
			...keys.map((key) => percent(row.profile.shares[key])),
		]),
	);
	return `## Speed and memory, in process

Each run is a fresh \`node --expose-gc\` process reading the same recorded simulator answer from
a loopback replay server (so the simulator's time to generate it is not counted). The floor
fetches the bytes with undici and \`JSON.parse\`s them; ours runs the Rhombus node's
\`execute()\` (with the test harness's n8n-like HTTP helper) until its items are returned.
Times are medians of ${rows[0].runs} runs. Peak heap is what a run needs: the smallest
\`--max-old-space-size\` it finishes with (bisected to within a few MB), minus the heap in use
before the run (modules loaded). Sampling \`heapUsed\` cannot see inside the long synchronous
parse and item-building steps, so it is not used.

${main}

${memory}

Where the time goes (self time in one \`--cpu-prof\` run of ours):

${profile}
`;
}

function triggerSection(rows) {
	if (!rows) return '';
	return `## Triggers: request economy

Polls with a simulated clock, counted from the simulator's request log: the first activation,
then one poll per hour for a day (steady state), then 3 days without polls and polls until
caught up. Each trigger runs without and with Re-Check Recent Buckets (3 and 24 buckets,
docs/contract.md §5.5); with re-checking, every hour closes with half its counts, which arrive
before the next poll, so each poll also emits corrections of the hour before, read in the same
request.

${table(
	[
		'trigger',
		'first activation',
		'requests per poll, steady state (target 1)',
		'items per poll',
		'catching up 3 days of hourly buckets: requests (fewest allowed: 1)',
		'do-it-yourself recipe per poll / catching up',
		'verdict',
	],
	rows.map((row) => [
		row.name,
		`${row.baselineRequests} requests`,
		row.perPollMin === row.perPollMax
			? String(row.perPollMin)
			: `${row.perPollMin} to ${row.perPollMax}`,
		row.steadyCorrections
			? `${row.steadyItems} + ${Number(row.steadyCorrections.toFixed(2))} corrections`
			: String(row.steadyItems),
		`${row.catchUpRequests} (${row.catchUpItems} items${row.catchUpCorrections ? ` and ${row.catchUpCorrections} correction${row.catchUpCorrections === 1 ? '' : 's'}` : ''} in ${row.catchUpPolls - 1} poll${row.catchUpPolls === 2 ? '' : 's'}, then idle)`,
		`${row.recipePerPoll} / ${row.recipeCatchUp}`,
		verdict(row.perPollMax === 1 && row.perPollMin === 1 && row.catchUpRequests === 1),
	]),
)}

One request per poll holds for every camera count: Rhombus answers all cameras of a crossing-count
report in one request, and Indivd's hour data allows 7 days per request. Re-checking keeps it:
the request simply starts at the oldest bucket re-checked (24 hours more of a 3-day catch-up
still fit in one). The recipe counts are by construction (one request per camera, or per day,
as in the recipe above); they are not sent.
`;
}

function soakSection(soak) {
	if (!soak) return '';
	const faults = Object.entries(soak.faults)
		.sort((a, b) => b[1] - a[1])
		.map(([kind, count]) => `${kind} ${count}`)
		.join(', ');
	const rechecks = soak.revisionsPlanted !== undefined;
	const ok =
		soak.passed &&
		soak.duplicates === 0 &&
		soak.missing === 0 &&
		(!rechecks ||
			(soak.duplicateRevisions === 0 &&
				soak.previousMismatches === 0 &&
				soak.revisionsOfUnchanged === 0 &&
				soak.missingFinals === 0));
	const perTrigger = table(
		[
			'trigger',
			'polls',
			'failed polls',
			'emitted',
			'duplicates',
			'missing closed buckets',
			'emitted before closed',
			'state written by a failed poll',
			...(rechecks
				? [
						'corrections',
						'duplicate revisions / wrong previous / unchanged',
						'finals checked / missing',
						'corrections never seen',
					]
				: []),
			rechecks ? 'largest state (bound)' : 'largest state',
		],
		soak.triggers.map((t) => [
			t.name,
			String(t.polls),
			String(t.failedPolls),
			t.emitted.toLocaleString('en-US'),
			String(t.duplicates),
			String(t.missing),
			String(t.emittedBeforeClosed),
			String(t.stateWrittenByFailedPoll),
			...(rechecks
				? [
						t.recheckBuckets ? t.corrections.toLocaleString('en-US') : '—',
						`${t.duplicateRevisions} / ${t.previousMismatches} / ${t.revisionsOfUnchanged}`,
						t.recheckBuckets
							? `${t.finalsChecked.toLocaleString('en-US')} / ${t.missingFinals}`
							: '—',
						t.recheckBuckets ? t.correctionsNeverSeen.toLocaleString('en-US') : '—',
					]
				: []),
			rechecks
				? `${t.largestStateBytes} B (${t.stateBoundBytes.toLocaleString('en-US')})`
				: `${t.largestStateBytes} B`,
		]),
	);
	const recheckRows = rechecks
		? `| revisions planted | ${soak.revisionsPlanted.toLocaleString('en-US')} late or double counts of recently closed minutes (factor 0, 0.5 or 1.5), lasting 1 minute to a few polls |
| corrections emitted | ${soak.corrections.toLocaleString('en-US')} |
| revisions sent twice or out of order (must be 0) | ${soak.duplicateRevisions} |
| revisions whose \`previous\` is not the value sent before (must be 0) | ${soak.previousMismatches} |
| revisions of an unchanged bucket (must be 0) | ${soak.revisionsOfUnchanged} |
| final values that settled while re-checked: checked / missing (must be 0) | ${soak.finalsChecked.toLocaleString('en-US')} / ${soak.missingFinals} |
| corrections never seen (settled after the bucket left the re-check window) | ${soak.correctionsNeverSeen.toLocaleString('en-US')} |
| largest stored state, re-checking | ${soak.largestRecheckStateBytes} bytes (each under its bound by buckets × scopes, in the table below) |
`
		: '';
	return `## Trigger fault soak

\`test/badInput/soak.ts\` at full size (\`npm test\` runs it with 1,200 polls). Verdict: ${verdict(ok)}.

| | |
| --- | --- |
| seed, simulated time | ${soak.seed}; ${soak.days} days from 2026-02-20, across the DST changes of ${soak.timeZones.join(', ')} |
| polls | ${soak.polls.toLocaleString('en-US')} (${soak.repeatedPolls} run twice at the same moment; ${soak.restarts} restarts with the state round-tripped through JSON; ${soak.downtimes} downtimes of 2 hours to 3 days) |
| failed polls | ${soak.failedPolls} (injected faults: ${faults}) |
| emitted buckets | ${soak.emitted.toLocaleString('en-US')} |
| duplicates (must be 0) | ${soak.duplicates} |
| missing closed buckets (must be 0) | ${soak.missing} |
| emitted before closed + settled (must be 0) | ${soak.emittedBeforeClosed} |
| state written by a failed poll (must be 0) | ${soak.stateWrittenByFailedPoll} |
| largest stored state${rechecks ? ', without re-checking' : ''} | ${soak.largestStateBytes} bytes |
${recheckRows}| wall time | ${Math.round(soak.seconds)} s |

${perTrigger}

The zone-visitor trigger runs without zones chosen: a zone without visits in a polled hour is
absent from Indivd's answer and is zero-filled from the zone list (\`test/badInput/soak.test.ts\`).
${
	rechecks
		? `
The triggers named "re-checking N" re-read their last N buckets (docs/contract.md §5.5) while the
simulator revises recently closed counts. A bucket's final value is what the simulator answers
once every revision of its minutes has expired; when it settled by the trigger's last read of
the bucket (its first emission, or a poll that read new buckets while the bucket was among the
last N emitted), the last item sent for its \`bucketKey\` must carry it. "Finals checked" counts
those that settled after the first emission, so only a correction could bring them. Occupancy is
never revised: its corrections must be 0.
`
		: ''
}`;
}

function n8nSection(n8n) {
	if (!n8n) return '';
	if (n8n.skipped) {
		return `## Real n8n (\`n8n execute\`)

_Not measured: ${n8n.skipped}._ Measures our node against the HTTP Request + Code node recipe
doing the same bucketing, dedupe and time-zone work on the same simulator data, and n8n's
start-up time with and without the package installed.
`;
	}
	const rows = n8n.comparisons.map((c) => [
		c.workload,
		ms(c.oursWork),
		ms(c.recipeWork),
		`${(c.oursWork / c.recipeWork).toFixed(2)}× ${verdict(c.oursWork <= c.recipeWork)}`,
		`${ms(c.oursCli)} / ${ms(c.recipeCli)} (${(c.oursCli / c.recipeCli).toFixed(2)}×)`,
		`${c.oursItems} / ${c.recipeItems}${c.sameKeys ? ', same bucket keys' : ', **different bucket keys**'}`,
	]);
	const startupRatio = n8n.startup.with / n8n.startup.without;
	return `## Real n8n (\`n8n execute\`)

n8n 2.41.1 on Node 24 (the pinned runtime of \`scripts/n8n/install.mjs\`), this package installed
from \`npm pack\` as n8n installs community packages, the simulator on loopback. The recipe is an
HTTP Request node (the same single batch request for Rhombus; the user's own 7-day chunks from a
Code node for Indivd) and a Code node doing the same bucketing, bucket keys, local times and
dedupe with luxon. Medians of ${n8n.runs} runs; "in nodes" is the sum of the nodes' execution
times in the run data, "CLI" the whole \`n8n execute\` process (start-up included).

${table(
	[
		'workload',
		'ours, in nodes',
		'recipe, in nodes',
		'ratio (target: ours not slower)',
		'CLI ours / recipe',
		'items ours / recipe',
	],
	rows,
)}

n8n start-up (\`n8n start\` until \`/healthz/readiness\`), medians of ${n8n.startup.runs}:
${ms(n8n.startup.with)} with the package installed, ${ms(n8n.startup.without)} without
(${startupRatio >= 1 ? '+' : ''}${ms(n8n.startup.with - n8n.startup.without)}, ${startupRatio.toFixed(2)}×).
`;
}

function placeholders(results) {
	const parts = [];
	if (!results.triggersExist && results.ran.includes('triggers')) {
		parts.push(`## Triggers

_Placeholder: the triggers (issue #5) are not in the tree yet._ Their request economy (50
cameras, 1 request per poll; catching up 3 days of hourly buckets) and the fault soak are
measured once they are.
`);
	}
	return parts.join('\n');
}

export function render(results) {
	const env = results.environment;
	return `# Benchmarks

Written by \`npm run bench\` (\`node bench/run.mjs\`); do not edit by hand. ${env.date.slice(0, 10)},
Node ${env.node}, ${env.cpu}, ${env.memory} RAM.

${[
	economySection(results.economy),
	triggerSection(results.triggerEconomy),
	speedSection(results.speed),
	soakSection(results.soak),
	n8nSection(results.n8n),
	placeholders(results),
]
	.filter(Boolean)
	.join('\n')}`;
}
