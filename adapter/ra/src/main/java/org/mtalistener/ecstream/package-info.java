/**
 * ECStream, the binary injection protocol (docs/ecstream.md): its frame decoder, session, batches of pipelined
 * messages and its replies, one per message.
 * It depends on {@code api}, {@code delivery}, {@code mail} and {@code net}; never on another protocol. Only
 * {@code ra} uses it.
 */
package org.mtalistener.ecstream;
