'use strict';

// Local alias: in a vm context (jest) every global lookup is slow, which hot loops feel.
const Math = globalThis.Math;

const fs = require('node:fs');
const path = require('node:path');
const jpeg = require('jpeg-js');
const { hashString, localParts } = require('./series.cjs');

const FRAME_WIDTH = 320;
const FRAME_HEIGHT = 180;

/** Pixel rectangle of a permyriad crop of the full frame, then the downscaled output size. */
function frameGeometry({ downscaleFactor = 1, cropX = 0, cropY = 0, cropWidth, cropHeight }) {
	const x0 = Math.min(FRAME_WIDTH - 1, Math.floor((FRAME_WIDTH * cropX) / 10000));
	const y0 = Math.min(FRAME_HEIGHT - 1, Math.floor((FRAME_HEIGHT * cropY) / 10000));
	const cw = Math.min(
		FRAME_WIDTH - x0,
		Math.round((FRAME_WIDTH * (cropWidth ?? 10000 - cropX)) / 10000),
	);
	const ch = Math.min(
		FRAME_HEIGHT - y0,
		Math.round((FRAME_HEIGHT * (cropHeight ?? 10000 - cropY)) / 10000),
	);
	const f = downscaleFactor;
	return {
		x0,
		y0,
		cw,
		ch,
		width: Math.max(1, Math.floor(cw / f)),
		height: Math.max(1, Math.floor(ch / f)),
	};
}

function hsl(h, s, l) {
	const a = s * Math.min(l, 1 - l);
	const f = (n) => {
		const k = (n + h / 30) % 12;
		return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
	};
	return [f(0), f(8), f(4)];
}

/**
 * A deterministic camera view of a room: back wall with a door and a window whose light follows
 * the local hour, a tiled floor, and people standing or walking (more by day), each a head, a
 * body and two legs, drawn smaller further back. The bottom strip of 32 blocks encodes the minute
 * index, like the burnt-in time of a real camera, so a frame can be told apart from its neighbours.
 */
function renderScene(cameraUuid, timestampMs, tz) {
	const px = Buffer.alloc(FRAME_WIDTH * FRAME_HEIGHT * 4);
	const h = hashString(cameraUuid);
	const hue = h % 360;
	const lp = localParts(tz, timestampMs);
	const hour = lp.hour + lp.minute / 60;
	const daylight = Math.max(0, Math.sin(((hour - 6) / 12) * Math.PI));
	const lamp = 0.55 + 0.25 * daylight;
	const wall = hsl(hue, 0.12, 0.5 * lamp + 0.1);
	const floorA = hsl((hue + 30) % 360, 0.1, 0.32 * lamp + 0.08);
	const floorB = hsl((hue + 30) % 360, 0.1, 0.26 * lamp + 0.06);
	const windowLight = hsl(205, 0.5, 0.25 + 0.55 * daylight);
	const door = hsl((hue + 180) % 360, 0.2, 0.22);
	const horizon = 78;
	const seconds = Math.floor(timestampMs / 1000);
	const minuteIndex = Math.floor(timestampMs / 60000);
	const people = [];
	const count = 1 + Math.round(4 * daylight) + (h % 2);
	for (let i = 0; i < count; i++) {
		const seed = hashString(`${cameraUuid}:${i}`);
		const depth = (seed % 100) / 100;
		const scale = 0.55 + 0.65 * depth;
		const speed = 1 + (seed % 3);
		const walk = ((seconds * speed) / 60 + (seed % FRAME_WIDTH)) % (FRAME_WIDTH + 40);
		people.push({
			x: Math.floor(walk) - 20,
			foot: horizon + 20 + Math.floor(depth * 75),
			scale,
			shirt: hsl(seed % 360, 0.55, 0.45),
			trousers: hsl((seed >> 3) % 360, 0.2, 0.2),
			skin: hsl(25, 0.45, 0.55 + ((seed >> 5) % 20) / 100),
			stride: (seconds + i) % 2,
		});
	}
	people.sort((a, b) => a.foot - b.foot);
	for (let y = 0; y < FRAME_HEIGHT; y++) {
		for (let x = 0; x < FRAME_WIDTH; x++) {
			let c;
			if (y < horizon) {
				c = wall;
				if (x >= 40 && x < 120 && y >= 18 && y < 58) c = windowLight;
				if ((x === 80 || y === 38) && x >= 40 && x < 120 && y >= 18 && y < 58) c = wall;
				if (x >= 220 && x < 256 && y >= 20) c = door;
				if (y >= horizon - 3) c = [60, 60, 60];
			} else {
				const depthY = (y - horizon) / (FRAME_HEIGHT - horizon);
				const tile =
					Math.floor((x - FRAME_WIDTH / 2) / (18 + 30 * depthY)) + Math.floor(depthY * 8);
				c = tile % 2 === 0 ? floorA : floorB;
			}
			for (const p of people) {
				const u = (x - p.x) / p.scale;
				const v = (p.foot - y) / p.scale;
				if (v < 0 || v > 62 || u < -12 || u > 12) continue;
				if (v > 50) {
					if ((u * u) / 25 + ((v - 56) * (v - 56)) / 36 <= 1) c = p.skin;
				} else if (v > 22) {
					if (Math.abs(u) <= 8 - (v - 22) / 14) c = p.shirt;
				} else if (Math.abs(u - (p.stride ? 3 : 2)) <= 2 || Math.abs(u + (p.stride ? 3 : 2)) <= 2) {
					c = p.trousers;
				}
			}
			if (y >= FRAME_HEIGHT - 8) {
				const bit = Math.floor(x / 10);
				c = (minuteIndex >>> bit) & 1 ? [255, 255, 255] : [0, 0, 0];
			}
			const o = (y * FRAME_WIDTH + x) * 4;
			px[o] = c[0];
			px[o + 1] = c[1];
			px[o + 2] = c[2];
			px[o + 3] = 255;
		}
	}
	return px;
}

function renderFrame({ cameraUuid, timestampMs, tz, quality = 80, ...crop }) {
	const g = frameGeometry(crop);
	const src = renderScene(cameraUuid, timestampMs, tz);
	const out = Buffer.alloc(g.width * g.height * 4);
	const sx = g.cw / g.width;
	const sy = g.ch / g.height;
	for (let y = 0; y < g.height; y++) {
		const ya = g.y0 + Math.floor(y * sy);
		const yb = Math.max(ya + 1, g.y0 + Math.floor((y + 1) * sy));
		for (let x = 0; x < g.width; x++) {
			const xa = g.x0 + Math.floor(x * sx);
			const xb = Math.max(xa + 1, g.x0 + Math.floor((x + 1) * sx));
			let r = 0;
			let gg = 0;
			let b = 0;
			let n = 0;
			for (let yy = ya; yy < yb; yy++) {
				for (let xx = xa; xx < xb; xx++) {
					const o = (yy * FRAME_WIDTH + xx) * 4;
					r += src[o];
					gg += src[o + 1];
					b += src[o + 2];
					n++;
				}
			}
			const o = (y * g.width + x) * 4;
			out[o] = Math.round(r / n);
			out[o + 1] = Math.round(gg / n);
			out[o + 2] = Math.round(b / n);
			out[o + 3] = 255;
		}
	}
	const encoded = jpeg.encode({ data: out, width: g.width, height: g.height }, quality);
	return { data: Buffer.from(encoded.data), width: g.width, height: g.height };
}

function box(type, ...payloads) {
	const body = Buffer.concat(payloads);
	const head = Buffer.alloc(8);
	head.writeUInt32BE(body.length + 8, 0);
	head.write(type, 4, 'latin1');
	return Buffer.concat([head, body]);
}

/** Minimal but well-formed ISO BMFF file (ftyp, moov/mvhd, mdat) for when the asset is missing. */
function fallbackMp4() {
	const mvhd = Buffer.alloc(100);
	mvhd.writeUInt32BE(1000, 12);
	mvhd.writeUInt32BE(2000, 16);
	mvhd.writeUInt32BE(0x00010000, 20);
	mvhd.writeUInt16BE(0x0100, 24);
	const matrix = [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000];
	matrix.forEach((v, i) => mvhd.writeUInt32BE(v, 36 + i * 4));
	mvhd.writeUInt32BE(2, 96);
	return Buffer.concat([
		box(
			'ftyp',
			Buffer.from('isom', 'latin1'),
			Buffer.from([0, 0, 2, 0]),
			Buffer.from('isomiso2mp41', 'latin1'),
		),
		box('moov', box('mvhd', mvhd)),
		box('mdat', Buffer.alloc(0)),
	]);
}

let clipBytes = null;

function clipMp4() {
	if (!clipBytes) {
		try {
			clipBytes = fs.readFileSync(path.join(__dirname, 'assets', 'clip.mp4'));
		} catch {
			clipBytes = fallbackMp4();
		}
	}
	return clipBytes;
}

module.exports = {
	FRAME_WIDTH,
	FRAME_HEIGHT,
	frameGeometry,
	renderFrame,
	renderScene,
	clipMp4,
	fallbackMp4,
};
