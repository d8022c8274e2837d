/**
 * What an MDB author sees: the listener interfaces ({@code MailListener}, {@code ControlListener}), the views of a
 * message, its envelope and session, and {@code RejectException} for a reply of the MDB's choosing.
 * It depends on the JDK and Jakarta EE only; everything else in the adapter may depend on it.
 */
package org.mtalistener.api;
