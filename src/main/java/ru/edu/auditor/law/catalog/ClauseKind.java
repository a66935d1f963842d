package ru.edu.auditor.law.catalog;

/** obligation: something to do or reach; heading: introduces sub-items; info: obliges no one. */
public enum ClauseKind { obligation, heading, info }
