/**
 * What the bench deploys besides the sample: an MDB that reads the content and stores nothing (bench/suite.sh).
 */
package org.mtalistener.bench;
