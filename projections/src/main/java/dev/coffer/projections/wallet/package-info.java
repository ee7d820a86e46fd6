/** The wallet read model: balances and debts per player. */
package dev.coffer.projections.wallet;
