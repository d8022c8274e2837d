/**
 * A listener socket as an operator runs it: its counters ({@code ListenerStats}), the deliverer that keeps them, the
 * {@code ManagedListener} the console and JMX switch, and the MXBean registered for each socket.
 * It depends on {@code delivery} only; {@code control} and {@code ra} use it.
 */
package org.mtalistener.mgmt;
