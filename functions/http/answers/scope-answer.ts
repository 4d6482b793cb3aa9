import type { KeyScope } from '../../core/model';
import { statusAnswer, type HttpAnswer } from '../envelope';

/**
 * A known key without the scope the operation needs (ours: README, "Partner keys"): 403 in the
 * Capillary envelope, over HTTP and by direct invocation alike. Nothing was read or changed.
 */
export function missingScopeAnswer(scope: KeyScope): HttpAnswer {
  return statusAnswer(403, `Forbidden: this key may not call this operation (it needs the "${scope}" scope)`);
}
