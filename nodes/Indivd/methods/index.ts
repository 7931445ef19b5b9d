import { optionsWhenCredentialSet } from '../../shared/methods';
import * as loaders from './loadOptions';

export const loadOptions = optionsWhenCredentialSet('indivdApi', loaders);
