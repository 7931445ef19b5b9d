'use strict';

// Renders clip.mp4, the video every simulated clip download serves: the same room the camera
// frames show, people walking through it, so a clip in the demo looks like footage rather than a
// test pattern. Run it after changing the scene (needs ffmpeg with libx264):
//   node simulator/assets/make-clip.cjs
// Each video frame is two minutes of scene time, which makes the slow walkers of a still frame
// cross the room in a few seconds.

const { spawnSync } = require('node:child_process');
const path = require('node:path');

const { FRAME_WIDTH, FRAME_HEIGHT, renderScene } = require('../media.cjs');

const FPS = 10;
const FRAMES = 40;
const SCENE_STEP_MS = 120_000;
const start = Date.UTC(2026, 2, 30, 10, 0, 0);
const camera = 'demo-clip-camera';

const frames = [];
for (let i = 0; i < FRAMES; i++) {
	frames.push(renderScene(camera, start + i * SCENE_STEP_MS, 'Europe/Berlin'));
}
const out = path.join(__dirname, 'clip.mp4');
const result = spawnSync(
	'ffmpeg',
	[
		'-v',
		'error',
		'-y',
		'-f',
		'rawvideo',
		'-pix_fmt',
		'rgba',
		'-s',
		`${FRAME_WIDTH}x${FRAME_HEIGHT}`,
		'-r',
		String(FPS),
		'-i',
		'-',
		'-c:v',
		'libx264',
		'-profile:v',
		'baseline',
		'-pix_fmt',
		'yuv420p',
		'-crf',
		'30',
		'-bitexact',
		'-map_metadata',
		'-1',
		'-movflags',
		'+faststart',
		out,
	],
	{ input: Buffer.concat(frames), stdio: ['pipe', 'inherit', 'inherit'] },
);
if (result.status !== 0) throw new Error(`ffmpeg failed (${result.status ?? result.error})`);
console.log(`wrote ${out}`);
