import { IndivdApi } from '../../credentials/IndivdApi.credentials';
import { RhombusApi } from '../../credentials/RhombusApi.credentials';
import { Indivd } from '../../nodes/Indivd/Indivd.node';
import { IndivdTrigger } from '../../nodes/Indivd/IndivdTrigger.node';
import { Rhombus } from '../../nodes/Rhombus/Rhombus.node';
import { RhombusTrigger } from '../../nodes/Rhombus/RhombusTrigger.node';
import { readRepoFile } from '../contract/repoFiles.cjs';

interface Codex {
	alias?: string[];
	resources: Record<string, Array<{ url: string }>>;
}

const codexFiles = {
	rhombus: 'nodes/Rhombus/Rhombus.node.json',
	rhombusTrigger: 'nodes/Rhombus/RhombusTrigger.node.json',
	indivd: 'nodes/Indivd/Indivd.node.json',
	indivdTrigger: 'nodes/Indivd/IndivdTrigger.node.json',
};

const codex = (name: keyof typeof codexFiles) =>
	JSON.parse(readRepoFile(codexFiles[name])) as Codex;

const packagePage = 'https://www.npmjs.com/package/n8n-nodes-rhombus-indivd';

/** The anchors npm and GitHub give README headings: lower case, punctuation dropped, spaces as dashes. */
function readmeAnchors(): Set<string> {
	const anchors = new Set<string>();
	for (const line of readRepoFile('README.md').split('\n')) {
		const heading = /^#{1,6}\s+(.*)$/.exec(line);
		if (!heading) continue;
		anchors.add(
			heading[1]
				.trim()
				.toLowerCase()
				.replace(/[^\p{L}\p{N}\s_-]/gu, '')
				.replace(/\s/g, '-'),
		);
	}
	return anchors;
}

describe('finding the nodes by topic in the node panel', () => {
	it.each([
		['rhombus', ['people counting', 'footfall', 'occupancy', 'line crossing']],
		['rhombusTrigger', ['people counting', 'footfall', 'occupancy', 'line crossing']],
		['indivd', ['people counting', 'footfall', 'zone visitors', 'line crossing']],
		['indivdTrigger', ['people counting', 'footfall', 'zone visitors', 'line crossing']],
	] as const)('%s is found by the words users search for', (name, words) => {
		expect(codex(name).alias).toEqual(expect.arrayContaining([...words]));
	});
});

describe('documentation links', () => {
	const links = [
		...Object.keys(codexFiles).flatMap((name) =>
			Object.values(codex(name as keyof typeof codexFiles).resources).flatMap((entries) =>
				entries.map(({ url }) => [name, url]),
			),
		),
		['rhombusApi', new RhombusApi().documentationUrl],
		['indivdApi', new IndivdApi().documentationUrl],
	];

	it.each(links)('%s links %s: the package page, at a heading of its README', (_name, url) => {
		const [page, anchor] = url.split('#');
		expect(page).toBe(packagePage);
		expect([...readmeAnchors()]).toContain(anchor);
	});
});

describe('words for people on the canvas and in the panel', () => {
	/**
	 * What the canvas shows for the subtitle: each `(names)[key]` lookup of the expression read
	 * with the node's parameters (a key is `$parameter["x"]`, or two joined by "/").
	 */
	function subtitle(description: { subtitle?: string }, parameters: Record<string, string>) {
		const expression = (description.subtitle ?? '').replace(/^=\{\{\s*|\s*\}\}$/g, '');
		const parameter = (text: string) =>
			[...text.matchAll(/\$parameter\["(\w+)"\]/g)].map((match) => parameters[match[1]]).join('/');
		return expression
			.split(' + " · " + ')
			.map((lookup) => {
				const [, names, key] = /^\((\{.*\})\)\[(.*)\]$/.exec(lookup) ?? [];
				return (JSON.parse(names) as Record<string, string>)[parameter(key)];
			})
			.join(' · ');
	}

	it('the Rhombus node shows the chosen action', () => {
		const text = subtitle(new Rhombus().description, {
			resource: 'report',
			operation: 'getCrossingCounts',
		});
		expect(text).toBe('Get crossing counts');
	});

	it('the Indivd node shows the chosen action', () => {
		const text = subtitle(new Indivd().description, {
			resource: 'zoneVisitors',
			operation: 'get',
		});
		expect(text).toMatch(/^Get zone visitors?$/i);
	});

	it('the triggers show the event and its bucket length or mode by name', () => {
		expect(
			subtitle(new IndivdTrigger().description, { event: 'lineCrosses', granularity: 'hour' }),
		).toBe('Line Crosses · Hour');
		expect(
			subtitle(new RhombusTrigger().description, { event: 'occupancy', emit: 'threshold' }),
		).toBe('Occupancy · Threshold Events');
	});
});
