"""`wirefeed serve`: the output folder over HTTP, rebuilt on every change in watch mode."""

from wirefeed.serve.app import LiveState, create_app
from wirefeed.serve.run import Rebuilt, bound_socket, is_input_change, serve

__all__ = ["LiveState", "Rebuilt", "bound_socket", "create_app", "is_input_change", "serve"]
