namespace Iomt.Clinical.Glucose.Evaluation;

/// <summary>One leave-one-patient-out fold: the settings chosen without the patient and how they did on it.</summary>
/// <param name="HeldOut">The patient left out.</param>
/// <param name="Chosen">Settings chosen on the other patients.</param>
/// <param name="Ours">Our score on the held-out patient.</param>
/// <param name="Ar2">AR2's score on the held-out patient.</param>
public sealed record CrossValidationFold(string HeldOut, UrgentLowSoonOptions Chosen, UrgentLowSoonScore Ours, UrgentLowSoonScore Ar2);
