/**
 * QMQP (cr.yp.to/proto/qmqp.html) as Postfix's {@code qmqpd} speaks it: one request per connection, the message,
 * its sender and its recipients as netstrings inside one netstring, and one reply netstring ({@code K}, {@code Z} or
 * {@code D} and a text) once the MDB's delivery is over.
 */
package org.mtalistener.qmqp;
