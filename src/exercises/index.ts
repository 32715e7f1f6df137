/** Self-checks for the notebooks' exercises: each prints a clear pass or a hint. */
export {};
