// Checks shared by the end-to-end tests.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

/** The bucket item (docs/contract.md §6) shape common to every metric. */
export function assertBucketItems(items, { source, metric, granularity, timeZone, from, to }) {
	assert.ok(items.length > 0, `no ${metric} items`);
	const keys = new Set();
	for (const { json } of items) {
		assert.equal(json.source, source);
		assert.equal(json.metric, metric);
		assert.equal(json.granularity, granularity, `granularity of ${json.bucketKey}`);
		if (timeZone) assert.equal(json.timeZone, timeZone);
		assert.match(json.bucketStart, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		assert.match(json.bucketEnd, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		assert.ok(Date.parse(json.bucketEnd) > Date.parse(json.bucketStart));
		assert.equal(
			Date.parse(json.bucketStartLocal),
			Date.parse(json.bucketStart),
			'bucketStartLocal is the same instant',
		);
		if (from)
			assert.ok(
				Date.parse(json.bucketStart) >= Date.parse(from),
				`${json.bucketStart} before ${from}`,
			);
		if (to)
			assert.ok(Date.parse(json.bucketEnd) <= Date.parse(to), `${json.bucketEnd} after ${to}`);
		assert.ok(json.bucketKey.startsWith(`${source}:${metric}:`), json.bucketKey);
		assert.ok(!keys.has(json.bucketKey), `duplicate ${json.bucketKey}`);
		keys.add(json.bucketKey);
	}
	return keys;
}

/**
 * Reads an output binary: n8n 2.41 keeps it on disk (id "filesystem-v2:<path>", under the
 * instance's `storage` folder; older layouts used `binaryData`), or inline as base64.
 */
export function readBinary(inst, binary) {
	const m = /^filesystem(?:-v2)?:(.+)$/.exec(binary.id ?? '');
	if (m) {
		for (const dir of ['storage', 'binaryData']) {
			const file = path.join(inst.dataDir, dir, m[1]);
			if (fs.existsSync(file)) return fs.readFileSync(file);
		}
		throw new Error(`binary ${binary.id} not found under ${inst.dataDir}/storage`);
	}
	return Buffer.from(binary.data, 'base64');
}

export function assertJpeg(buf) {
	assert.ok(buf.length > 500, `JPEG of ${buf.length} bytes`);
	assert.deepEqual([...buf.subarray(0, 3)], [0xff, 0xd8, 0xff], 'JPEG magic bytes');
	assert.deepEqual([...buf.subarray(-2)], [0xff, 0xd9], 'JPEG end marker');
}

export function assertMp4(buf) {
	assert.ok(buf.length > 500, `MP4 of ${buf.length} bytes`);
	assert.equal(buf.subarray(4, 8).toString('latin1'), 'ftyp', 'MP4 ftyp box');
}

/** Simulator log entries of one vendor path (substring), control calls excluded. */
export function requestsTo(entries, pathPart) {
	return entries.filter((e) => e.vendor !== 'control' && e.path.includes(pathPart));
}
