package io.neurite.model;

import io.neurite.layers.Recurrent;

/**
 * Recurrent layers over a sequence (steps, features), returning every step; stack them by chaining, end with
 * {@code .lastStep()} for one vector per sequence, {@code .bidirectional()} to read both ways. Parameter counts follow
 * Keras (one bias vector per gate): see {@link Recurrent}.
 */
public interface RecurrentWords<T extends Chain<T>> extends Chain<T> {
    /** Simple (Elman) RNN: h_t = tanh(W [h_{t-1}, x_t] + b), {@code units} values per step. */
    default T simpleRnn(int units) { return then(Recurrent.of(Recurrent.Cell.SIMPLE_RNN, units)); }

    /** LSTM with forget, input and output gates, {@code units} values per step. */
    default T lstm(int units) { return then(Recurrent.of(Recurrent.Cell.LSTM, units)); }

    /** GRU with reset and update gates, {@code units} values per step. */
    default T gru(int units) { return then(Recurrent.of(Recurrent.Cell.GRU, units)); }
}
