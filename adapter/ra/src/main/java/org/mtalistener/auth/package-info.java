/**
 * SASL on the server side: the mechanisms (PLAIN, LOGIN, CRAM-MD5, DIGEST-MD5) as step-by-step exchanges, and the
 * password stores they check against.
 * It depends on the JDK only; the protocols and {@code ra} use it.
 */
package org.mtalistener.auth;
