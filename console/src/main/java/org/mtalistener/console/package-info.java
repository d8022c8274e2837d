/**
 * The console client, like Momentum's {@code ec_console}: one command or an interactive session with a
 * Control_Listener, logging in with SASL when the server asks.
 * A client of the wire protocol only: it depends on the JDK (and JLine for the interactive prompt), not on the
 * adapter.
 */
package org.mtalistener.console;
