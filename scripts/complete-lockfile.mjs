// The registry this project installs from serves only the linux-x64/arm64 builds of
// unrs-resolver (a lint-toolchain dependency); npm then writes a lockfile without the other
// platforms' optional packages, and `npm ci` refuses it as out of sync. This adds those entries
// back, marked with their os/cpu so npm skips them on this platform without fetching anything.
// Run it after any `npm install` that rewrites package-lock.json.
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const platforms = {
	'android-arm-eabi': ['android', 'arm'],
	'android-arm64': ['android', 'arm64'],
	'darwin-arm64': ['darwin', 'arm64'],
	'darwin-x64': ['darwin', 'x64'],
	'freebsd-x64': ['freebsd', 'x64'],
	'linux-arm-gnueabihf': ['linux', 'arm', 'glibc'],
	'linux-arm-musleabihf': ['linux', 'arm', 'musl'],
	'linux-arm64-gnu': ['linux', 'arm64', 'glibc'],
	'linux-arm64-musl': ['linux', 'arm64', 'musl'],
	'linux-loong64-gnu': ['linux', 'loong64', 'glibc'],
	'linux-loong64-musl': ['linux', 'loong64', 'musl'],
	'linux-ppc64-gnu': ['linux', 'ppc64', 'glibc'],
	'linux-riscv64-gnu': ['linux', 'riscv64', 'glibc'],
	'linux-riscv64-musl': ['linux', 'riscv64', 'musl'],
	'linux-s390x-gnu': ['linux', 's390x', 'glibc'],
	'linux-x64-gnu': ['linux', 'x64', 'glibc'],
	'linux-x64-musl': ['linux', 'x64', 'musl'],
	'openharmony-arm64': ['openharmony', 'arm64'],
	'win32-arm64-msvc': ['win32', 'arm64'],
	'win32-ia32-msvc': ['win32', 'ia32'],
	'win32-x64-msvc': ['win32', 'x64'],
};

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
	if (!path.endsWith('node_modules/unrs-resolver')) continue;
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const key = `${path.slice(0, -'unrs-resolver'.length)}${name}`;
		const platform = platforms[name.replace('@unrs/resolver-binding-', '')];
		if (lock.packages[key] || !platform) continue;
		const [os, cpu, libc] = platform;
		lock.packages[key] = {
			version,
			cpu: [cpu],
			dev: true,
			license: 'MIT',
			optional: true,
			os: [os],
			...(libc ? { libc: [libc] } : {}),
		};
		added++;
	}
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(lockPath, `${JSON.stringify(lock, null, '\t')}\n`);
console.log(`package-lock.json: added ${added} platform entries`);
