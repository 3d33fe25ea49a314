"""The experiment kinds, one package each; its ``KIND`` (``lstm_toys.kind.Kind``)
names the hooks the stages load, and ``lstm_toys.registry`` lists the kinds."""
