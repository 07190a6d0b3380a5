"""Figure definitions, one module per chapter; each module calls `analysis.figures.register`."""
