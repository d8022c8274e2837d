/**
 * A message's way from the session to the MDB: the content buffer (memory, then a temp file), the endpoint call
 * with its strict before/after pairing, the recipient check, the queue ids and the outcome of each delivery.
 * It depends on {@code api} only; the protocols, {@code mail}, {@code mgmt} and {@code ra} use it.
 */
package org.mtalistener.delivery;
