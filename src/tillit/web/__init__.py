"""The signed-in interface's shared layout, navigation, assets and small pages."""
