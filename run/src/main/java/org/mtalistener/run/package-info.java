/**
 * The {@code run} command: Payara Micro in the foreground with the adapter and the sample MDB deployed, watching
 * its log so a failed deployment or an unbound listener ends the run with a non-zero status.
 * It depends on the JDK only.
 */
package org.mtalistener.run;
