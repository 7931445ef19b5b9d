export const simulatorSecrets: {
	rhombusKey: string;
	partnerKey: string;
	partnerOrg: string;
	limitedKey: string;
	indivdToken: string;
	scopedIndivdToken: string;
	wrongRhombusKey: string;
	wrongIndivdToken: string;
};
