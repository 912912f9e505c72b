"""The API's routers, one per area; ``tne_api.app.create_app`` includes them."""
