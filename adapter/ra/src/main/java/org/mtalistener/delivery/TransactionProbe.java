package org.mtalistener.delivery;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * An XA resource the container enlists in the delivery's transaction. It stores nothing; it only learns how the
 * transaction ended, because "the MDB method returned" is not the same as "its transaction committed" (the MDB may
 * have called setRollbackOnly, or the commit may fail). Whether it was asked to prepare tells a two-phase commit
 * (another resource, e.g. a JMS send through an XA factory, shared the transaction) from a one-phase one.
 */
final class TransactionProbe implements XAResource {

    private volatile boolean prepared;
    private volatile boolean committed;
    private volatile boolean rolledBack;

    boolean committed() {
        return committed && !rolledBack;
    }

    boolean rolledBack() {
        return rolledBack;
    }

    boolean prepared() {
        return prepared;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
        committed = true;
    }

    @Override
    public void rollback(Xid xid) {
        rolledBack = true;
    }

    @Override
    public int prepare(Xid xid) {
        prepared = true;
        return XA_OK;
    }

    @Override
    public void start(Xid xid, int flags) {
    }

    @Override
    public void end(Xid xid, int flags) {
    }

    @Override
    public void forget(Xid xid) {
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return false;
    }
}
