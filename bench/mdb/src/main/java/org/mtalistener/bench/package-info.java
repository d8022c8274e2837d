/**
 * What the bench deploys besides the sample: an MDB that reads the content and stores
 * nothing, and its group-commit twin (bench/suite.sh).
 */
package org.mtalistener.bench;
