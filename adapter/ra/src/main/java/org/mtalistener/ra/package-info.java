/**
 * The resource adapter: {@code MtaResourceAdapter}, the {@code ListenerActivationSpec} an MDB is bound with, and one
 * {@code ListenerActivation} per MDB endpoint, which owns its sockets, settings and lifecycle.
 * The top floor: it reads the configuration ({@code conf}) and wires every other package; nothing depends on it.
 */
package org.mtalistener.ra;
