/**
 * A configuration as the adapter reads it: listeners, their Listen and Peer scopes, each option's value with its
 * place in the file, fallback from Peer to Listen to listener to global, and the console's roles.
 * It depends on {@code conf.parse}, {@code conf.options} and {@code conf.values}; {@code conf.map} and the adapter's
 * {@code ra} use it.
 */
package org.mtalistener.conf.model;
