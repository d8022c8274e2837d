/**
 * HTTP_Listener (docs/http.md): Momentum's REST injection ({@code POST /v1.0/inject/}, a JSON template and its
 * recipients) and a raw {@code message/rfc822} POST, on Netty's HTTP/1.1 codec; every message of a request delivered
 * in one endpoint call, answered in JSON.
 * It depends on {@code api}, {@code auth}, {@code delivery}, {@code log}, {@code mail} and {@code net}; never on
 * another protocol. Only {@code ra} uses it.
 */
package org.mtalistener.http;
