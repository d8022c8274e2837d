/**
 * Sockets, protocol-neutral: the session loop on Netty and the WorkManager-backed executor, TLS contexts, ciphers
 * and PEM files, the PROXY protocol gate, TCP and Unix-socket options, the client's address.
 * It depends on Netty and the JDK only; the protocols and {@code ra} use it.
 */
package org.mtalistener.net;
