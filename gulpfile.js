const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');

/**
 * n8n skips a node or credential whose file is missing and shows a broken icon for a missing
 * SVG, both silently; fail the build instead.
 */
function verifyDist(done) {
	const { n8n } = JSON.parse(readFileSync('package.json', 'utf8'));
	const problems = [];
	for (const file of [...n8n.credentials, ...n8n.nodes]) {
		if (!existsSync(file)) {
			problems.push(`${file} is listed in package.json but was not built`);
			continue;
		}
		const icons = readFileSync(file, 'utf8').match(/file:[^'"`]+\.(svg|png)/g) ?? [];
		if (icons.length === 0) problems.push(`${file} declares no icon`);
		for (const icon of icons) {
			const iconPath = path.join(path.dirname(file), icon.slice('file:'.length));
			if (!existsSync(iconPath)) problems.push(`${file} points at ${icon}, which is not in dist`);
		}
	}
	if (problems.length > 0) {
		done(new Error(`dist is incomplete:\n- ${problems.join('\n- ')}`));
		return;
	}
	done();
}

exports.verifyDist = verifyDist;
