/**
 * The test certificates ({@code TestPki}), made when the tests run so nothing committed can expire; shared by the
 * adapter's unit tests and the container tests. It depends on the JDK only and is never shipped.
 */
package org.mtalistener.testpki;
