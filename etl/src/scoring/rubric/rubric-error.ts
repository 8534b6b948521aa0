import { ConfigFileError } from '../../config-files/config-file-error.js';

/** A rubric that cannot be used: unreadable, not YAML, or not what default-rubric.yaml documents. */
export class RubricError extends ConfigFileError {}
