"""Pages for signed-in officers: sign-in and home, results, the survey builder, paper responses,
comment coding, action plans and indicator uploads."""
