/**
 * The Java ECStream client ({@code EcstreamClient}, one {@code MessageReply} per message) and the
 * {@code ecstream-inject} command line built on it.
 * A client of the wire protocol only: it depends on the JDK, not on the adapter.
 */
package org.mtalistener.ecstream.client;
