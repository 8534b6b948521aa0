import { ConfigFileError } from '../../../config-files/config-file-error.js';
import type { ConfigProblem } from '../../../config-files/yaml-document.js';

/** One mistake in a mapping file, at its line. */
export type MappingProblem = ConfigProblem;

/** A mapping file that cannot be used: unreadable, not YAML, or not what the reference expects. */
export class MappingFileError extends ConfigFileError {}
