/**
 * The values a configuration is made of and the adapter works with: IP literals, CIDR blocks (and a table of them
 * for the most specific match), listen addresses; each with the error message a person reads when it is written
 * wrong.
 * The bottom floor of {@code conf}: it depends on the JDK only.
 */
package org.mtalistener.conf.values;
