/**
 * What the adapter writes to the log about what a client sent: {@link org.mtalistener.log.ClientText} escapes control
 * characters and caps the length, so a client can neither forge log lines nor make lines that slow what reads the
 * log. The lowest floor of the adapter: every package may use it, it uses none of them.
 */
package org.mtalistener.log;
