/**
 * ESMTP: command parsing, the session state machine, DATA and BDAT decoding, AUTH, STARTTLS, the trusted peers'
 * commands, and the reply table ({@code Replies}) every SMTP reply is named in.
 * It depends on {@code api}, {@code delivery}, {@code mail}, {@code net}, {@code auth} and {@code conf.values};
 * never on another protocol. Only {@code ra} uses it.
 */
package org.mtalistener.smtp;
