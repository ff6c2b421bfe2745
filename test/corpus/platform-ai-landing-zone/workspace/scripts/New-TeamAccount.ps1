<#
.SYNOPSIS
  Creates a team's own AI Services account when the shared one is not enough.
#>
param(
    [Parameter(Mandatory)] [string] $Team,
    [string] $Location = 'swedencentral'
)

$ErrorActionPreference = 'Stop'
$rg = "rg-ai-$Team"

New-AzResourceGroup -Name $rg -Location $Location -Force | Out-Null
New-AzCognitiveServicesAccount -ResourceGroupName $rg -Name "ais-$Team" -Type AIServices -SkuName S0 -Location $Location
Get-AzCognitiveServicesAccountKey -ResourceGroupName $rg -Name "ais-$Team" | Out-Null
Write-Host "account ais-$Team ready in $rg"
