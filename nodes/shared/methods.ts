import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

type Loader<R> = (this: ILoadOptionsFunctions, ...args: never[]) => Promise<R>;

/**
 * n8n asks for a freshly added node's lists before it attaches the credential it picked for the
 * node, and a list that fails then reads "Error fetching options". Until the node has its
 * credential, the lists are empty instead, without a request (README "Troubleshooting").
 */
function whenCredentialSet<R, M extends Record<string, Loader<R>>>(
	credentialType: string,
	methods: M,
	empty: () => R,
): M {
	const guarded: Record<string, Loader<R>> = {};
	for (const [name, method] of Object.entries(methods)) {
		guarded[name] = async function (this: ILoadOptionsFunctions, ...args: never[]) {
			if (!this.getNode().credentials?.[credentialType]) return empty();
			return await method.apply(this, args);
		};
	}
	return guarded as M;
}

export const optionsWhenCredentialSet = <M extends Record<string, Loader<INodePropertyOptions[]>>>(
	credentialType: string,
	methods: M,
): M => whenCredentialSet<INodePropertyOptions[], M>(credentialType, methods, () => []);

export const searchWhenCredentialSet = <M extends Record<string, Loader<INodeListSearchResult>>>(
	credentialType: string,
	methods: M,
): M =>
	whenCredentialSet<INodeListSearchResult, M>(credentialType, methods, () => ({ results: [] }));
