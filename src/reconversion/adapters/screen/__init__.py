"""Le terminal et les rendus à l'écran : la seule couture avec le terminal et ses vues."""
