/**
 * The console (Control_Listener, docs/console.md): its frame codec, session and login, the built-in commands
 * ({@code summary}, {@code config}, {@code show inbound} …), the roles that permit them, and the hand-over of other
 * commands to the console MDB.
 * It depends on {@code api}, {@code net}, {@code auth}, {@code mgmt}, {@code conf.options} and {@code conf.values};
 * never on another protocol. Only {@code ra} uses it.
 */
package org.mtalistener.control;
