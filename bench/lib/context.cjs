'use strict';
// A small n8n execution context in plain JavaScript, like test/helpers/execute.ts: parameters as
// n8n hands them over (defaults of every visible parameter filled in), credentials authenticated
// by the built credential classes, and real HTTP through the test harness's n8n-like client.
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
// The bench compiles the sources into its own directory (see run.mjs), so a build running in the
// same tree at the same time cannot pull dist/ away under a measurement.
const distDir = process.env.BENCH_DIST || path.join(root, 'dist');
const dist = (...parts) => require(path.join(distDir, ...parts));

const { NodeApiError } = require(path.join(root, 'node_modules', 'n8n-workflow'));
const { httpRequest } = require(path.join(root, 'test', 'helpers', 'n8nHttp.cjs'));
const { simulatorSecrets } = require(path.join(root, 'test', 'helpers', 'secrets.cjs'));

function loadNodes() {
	const nodes = {
		rhombus: new (dist('nodes', 'Rhombus', 'Rhombus.node.js').Rhombus)(),
		indivd: new (dist('nodes', 'Indivd', 'Indivd.node.js').Indivd)(),
	};
	// The triggers (issue #5), where they exist.
	try {
		nodes.rhombusTrigger = new (dist(
			'nodes',
			'Rhombus',
			'RhombusTrigger.node.js',
		).RhombusTrigger)();
		nodes.indivdTrigger = new (dist('nodes', 'Indivd', 'IndivdTrigger.node.js').IndivdTrigger)();
	} catch (error) {
		if (error.code !== 'MODULE_NOT_FOUND') throw error;
	}
	return nodes;
}

const credentialTypes = {
	rhombusApi: () => new (dist('credentials', 'RhombusApi.credentials.js').RhombusApi)(),
	indivdApi: () => new (dist('credentials', 'IndivdApi.credentials.js').IndivdApi)(),
};

function simulatorCredentials(baseUrl) {
	return {
		rhombusApi: {
			apiKey: simulatorSecrets.rhombusKey,
			authScheme: 'api-token',
			partnerOrgUuid: '',
			region: 'custom',
			baseUrl,
		},
		indivdApi: { token: simulatorSecrets.indivdToken, baseUrl },
	};
}

const testNode = {
	id: 'bench-node',
	name: 'Bench Node',
	type: 'n8n-nodes-rhombus-indivd.bench',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function isShown(property, parameters) {
	const show = (property.displayOptions && property.displayOptions.show) || {};
	return Object.entries(show).every(([name, values]) => values.includes(parameters[name]));
}

/** The given parameters plus the default of every parameter they make visible, as n8n does. */
function withDefaults(nodeType, given) {
	const parameters = { ...given };
	for (let changed = true; changed; ) {
		changed = false;
		for (const property of nodeType.description.properties) {
			if (property.name in parameters || !isShown(property, parameters)) continue;
			parameters[property.name] = property.default;
			changed = true;
		}
	}
	return parameters;
}

function valueAt(parameters, name) {
	let value = parameters;
	for (const key of name.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = value[key];
	}
	return value;
}

function createExecuteContext(nodeType, { credentials, parameters, timezone = 'UTC' }) {
	const resolved = withDefaults(nodeType, parameters);
	const types = {};
	const hints = [];
	return {
		hints,
		context: {
			getNode: () => testNode,
			getInputData: () => [{ json: {} }],
			getTimezone: () => timezone,
			getMode: () => 'manual',
			continueOnFail: () => false,
			getCredentials: async (type) => credentials[type],
			getNodeParameter(name, _itemIndex, fallback, options) {
				let value = valueAt(resolved, name);
				if (value === undefined) {
					if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
					value = fallback;
				}
				if (options && options.extractValue && value && value.__rl === true) return value.value;
				return value;
			},
			addExecutionHints: (...added) => hints.push(...added),
			helpers: {
				async httpRequestWithAuthentication(type, request) {
					types[type] ??= credentialTypes[type]();
					try {
						const authenticated = await types[type].authenticate(credentials[type], {
							...request,
						});
						return await httpRequest(authenticated);
					} catch (error) {
						throw new NodeApiError(testNode, error);
					}
				},
				returnJsonArray: (data) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			},
		},
	};
}

function authenticatedHelpers(credentials) {
	const types = {};
	return {
		async httpRequestWithAuthentication(type, request) {
			types[type] ??= credentialTypes[type]();
			try {
				const authenticated = await types[type].authenticate(credentials[type], { ...request });
				return await httpRequest(authenticated);
			} catch (error) {
				throw new NodeApiError(testNode, error);
			}
		},
	};
}

/** One poll of a trigger, as n8n runs it on a tick; returns the emitted JSON items or null. */
async function pollTrigger(trigger, { credentials, parameters, staticData, mode = 'trigger' }) {
	const context = {
		getNode: () => testNode,
		getMode: () => mode,
		getActivationMode: () => 'activate',
		getTimezone: () => 'UTC',
		getWorkflowStaticData: () => staticData,
		getPollBudgetMs: () => 300_000,
		getCredentials: async (type) => credentials[type],
		getNodeParameter: (name, fallback) =>
			parameters[name] === undefined ? fallback : parameters[name],
		helpers: authenticatedHelpers(credentials),
	};
	const output = await trigger.poll.call(context);
	return output === null ? null : output[0].map((item) => item.json);
}

/** Runs a node's execute() once and returns its first output. */
async function executeNode(nodeType, options) {
	const { context } = createExecuteContext(nodeType, options);
	const output = await nodeType.execute.call(context);
	return output[0];
}

module.exports = {
	loadNodes,
	simulatorCredentials,
	executeNode,
	pollTrigger,
	withDefaults,
	root,
	distDir,
	dist,
};
