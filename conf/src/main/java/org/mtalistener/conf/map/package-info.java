/**
 * What a configuration becomes outside: MDB activations and the deployment descriptors written from them, and the
 * {@code listenerconf} command line (check, show, descriptors).
 * The top floor of {@code conf}: it may depend on every other {@code conf} package; nothing depends on it.
 */
package org.mtalistener.conf.map;
